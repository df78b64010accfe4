package com.mmorpg.auth.ratelimit;

import com.mmorpg.common.internal.StaffContracts;
import com.mmorpg.service.web.InternalApiKeyInterceptor;
import com.mmorpg.service.web.InternalApiProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The operations console reaches this service through world-directory's relay, so every staff member
 * would otherwise have world-directory's address: one browser's five bad passwords would lock every
 * admin out, and the audit's "from" column would say nothing. The relay passes the browser's address in
 * {@link StaffContracts#CLIENT_ADDRESS_HEADER}, which is believed only on a call carrying the valid
 * {@code X-Internal-Key} (compared in constant time), and only when it is an address literal: the
 * request's remote address is then that address, for login limits, lockouts, bcrypt queue shares, login
 * history and the audit alike. Without the key the header is ignored (counted, never logged per request).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RelayedClientAddressFilter extends OncePerRequestFilter {

    private static final int MAX_ADDRESS_CHARS = 45; // the longest IPv6 literal

    private final byte[] internalKey;
    private final Counter trusted;
    private final Counter untrusted;
    private final Counter malformed;

    RelayedClientAddressFilter(InternalApiProperties internal, MeterRegistry meters) {
        this.internalKey = internal.apiKey().getBytes(StandardCharsets.UTF_8);
        this.trusted = meters.counter("auth.relayed_address", "outcome", "trusted");
        this.untrusted = meters.counter("auth.relayed_address", "outcome", "no_key");
        this.malformed = meters.counter("auth.relayed_address", "outcome", "malformed");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String relayed = request.getHeader(StaffContracts.CLIENT_ADDRESS_HEADER);
        if (relayed == null) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(InternalApiKeyInterceptor.HEADER);
        if (key == null || !MessageDigest.isEqual(internalKey, key.getBytes(StandardCharsets.UTF_8))) {
            untrusted.increment();
            chain.doFilter(request, response);
            return;
        }
        String address = literal(relayed);
        if (address == null) {
            malformed.increment();
            chain.doFilter(request, response);
            return;
        }
        trusted.increment();
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getRemoteAddr() {
                return address;
            }

            @Override
            public String getRemoteHost() {
                return address;
            }
        }, response);
    }

    /** The address {@code text} names, in its canonical form; null unless it is an IPv4 or IPv6 literal. */
    private static String literal(String text) {
        String stripped = text.strip();
        if (stripped.startsWith("[") && stripped.endsWith("]")) {
            stripped = stripped.substring(1, stripped.length() - 1);
        }
        if (stripped.isEmpty() || stripped.length() > MAX_ADDRESS_CHARS || stripped.indexOf('%') >= 0) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(stripped).getHostAddress();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
