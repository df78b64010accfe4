package com.mmorpg.worlddirectory.staff;

import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.ServiceUnavailableException;
import com.mmorpg.common.internal.StaffContracts;
import com.mmorpg.common.tls.TrustedCertificates;
import com.mmorpg.common.token.Role;
import com.mmorpg.service.error.ApiException;
import com.mmorpg.worlddirectory.DirectoryProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * session counts here within seconds. The member is handed to the handler as the request attribute
 * {@link #MEMBER}. Every action is audited in auth-service ({@link #audit}).
 */
@Component
public class StaffGate implements HandlerInterceptor {

    public static final String MEMBER = "mmo.staff.member";
    static final long REMEMBER_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int MAX_REMEMBERED = 10_000;
    private static final String BEARER = "Bearer ";

    private final InternalClient auth;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

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

    private StaffContracts.Member whoHolds(String token) {
        long now = System.nanoTime();
        Known answer = known.get(token);
        if (answer == null || now - answer.atNanos() > REMEMBER_NANOS) {
            if (known.size() >= MAX_REMEMBERED) {
                known.clear();
            }
            answer = ask(token, now);
            known.put(token, answer);
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
