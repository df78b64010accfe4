package com.mmorpg.worlddirectory.staff;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.ServiceUnavailableException;
import com.mmorpg.common.internal.StaffContracts;
import com.mmorpg.common.tls.TrustedCertificates;
import com.mmorpg.common.token.Role;
import com.mmorpg.service.audit.OnceAWhile;
import com.mmorpg.service.error.ApiException;
import com.mmorpg.worlddirectory.DirectoryProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Guards {@code /admin/**}: a request needs {@code Authorization: Bearer <staff access token>}, and
 * auth-service (which keeps roles, bans and revoked sessions) says whose it is ({@code GET
 * /admin/me} with that token). Its answer is kept for {@link #REMEMBER_NANOS}, so a revoked role or
 * session counts here within seconds, for at most {@link #MAX_REMEMBERED} tokens, each under the SHA-256
 * of the token (32 bytes, whatever a token's length): neither a flood of long made-up tokens nor a heap
 * dump holds the tokens themselves. The member is handed to the handler as the request attribute
 * {@link #MEMBER}. Every action is audited in auth-service ({@link #audit}); reads ({@link #auditRead})
 * once a while per member, server and view.
 */
@Component
public class StaffGate implements HandlerInterceptor {

    public static final String MEMBER = "mmo.staff.member";
    static final long REMEMBER_NANOS = TimeUnit.SECONDS.toNanos(5);
    static final int MAX_REMEMBERED = 10_000;
    private static final String BEARER = "Bearer ";

    private final InternalClient auth;
    /** Answers by the SHA-256 of the token. */
    private final Cache<String, Known> known = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED)
            .expireAfterWrite(Duration.ofNanos(REMEMBER_NANOS)).build();
    /** Reads audited lately: the live map is polled a few times a second, a line each would bury the actions. */
    private final OnceAWhile recentReads = new OnceAWhile(Duration.ofMinutes(5), MAX_REMEMBERED);

    private record Known(StaffContracts.Member member, int status, long atNanos) {
    }

    StaffGate(DirectoryProperties properties, com.mmorpg.service.web.InternalApiProperties internal,
            @Value("${" + TrustedCertificates.VARIABLE + ":}") String trustedCertificates) {
        HttpClient http = InternalClient.httpClient(properties.authTimeout(), Executors.newVirtualThreadPerTaskExecutor(),
                TrustedCertificates.sslContext(Map.of(TrustedCertificates.VARIABLE, trustedCertificates)));
        this.auth = new InternalClient("auth-service", properties.authServiceUrl(), internal.apiKey(),
                properties.authTimeout(), http);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        StaffOnly only = method.getMethodAnnotation(StaffOnly.class);
        Role needed = only == null ? Role.GM : only.value();
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "A staff access token is needed");
        }
        StaffContracts.Member member = whoHolds(header.substring(BEARER.length()).strip());
        Role role = Role.of(member.role()).orElse(Role.PLAYER);
        if (!role.atLeast(needed)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "This needs the " + needed.wireName() + " role");
        }
        request.setAttribute(MEMBER, member);
        return true;
    }

    StaffContracts.Member whoHolds(String token) {
        long now = System.nanoTime();
        String key = digest(token);
        Known answer = known.getIfPresent(key);
        if (answer == null || now - answer.atNanos() > REMEMBER_NANOS) {
            answer = ask(token, now);
            known.put(key, answer);
        }
        return switch (answer.status()) {
            case 200 -> answer.member();
            case 403 -> throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "Not a staff account");
            default -> throw new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "Invalid, expired or revoked token");
        };
    }

    private Known ask(String token, long now) {
        InternalClient.Reply reply;
        try {
            reply = auth.sendAs(token, "GET", StaffContracts.ME_PATH, null);
        } catch (ServiceUnavailableException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                    "Staff tokens cannot be checked right now; try again shortly");
        }
        if (reply.status() == 200) {
            return new Known(reply.as(StaffContracts.Member.class), 200, now);
        }
        if (reply.status() >= 500) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                    "Staff tokens cannot be checked right now; try again shortly");
        }
        return new Known(null, reply.status() == 403 ? 403 : 401, now);
    }

    /** How many tokens are remembered now (at most {@link #MAX_REMEMBERED}), and whether {@code key} is one of their keys. */
    long remembered() {
        known.cleanUp();
        return known.estimatedSize();
    }

    boolean remembersKey(String key) {
        return known.getIfPresent(key) != null;
    }

    /** The key a token is remembered under: its SHA-256, base64url (43 characters). */
    static String digest(String token) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Writes a staff member's read (a live-map view, a session lookup) to the audit, once per member,
     * read and address every five minutes; false when it could not be written.
     */
    public boolean auditRead(StaffContracts.Member member, String action, String target, String detail, String address) {
        String key = member.userId() + "\n" + action + "\n" + target + "\n" + detail + "\n" + address;
        return recentReads.write(key, () -> audit(member, action, target, detail, address));
    }

    /** Writes a staff action done here to auth-service's audit; false when it could not be written. */
    public boolean audit(StaffContracts.Member member, String action, String target, String detail, String address) {
        try {
            return auth.send("POST", StaffContracts.AUDIT_PATH,
                    new StaffContracts.Action(member.userId(), member.username(), action, target, detail, address)).isSuccess();
        } catch (ServiceUnavailableException e) {
            return false;
        }
    }
}
