package com.mmorpg.worlddirectory.staff;

import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.StaffContracts;
import com.mmorpg.common.tls.TrustedCertificates;
import com.mmorpg.service.web.InternalApiProperties;
import com.mmorpg.worlddirectory.DirectoryProperties;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's way to auth-service: the page talks only to this host (one origin, no CORS), which
 * passes the staff member's login and their calls to auth-service's staff routes on, with their own
 * bearer token. Nothing else of auth-service is reachable through it: only {@code /auth/login}, the
 * world's item types ({@code GET /items}, public, for the items panel's names) and paths of plain
 * segments under {@code /admin/}. It tells auth-service the browser's address
 * ({@link StaffContracts#CLIENT_ADDRESS_HEADER}, with the internal key that makes auth-service believe
 * it), so lockouts, login limits and the audit count each staff member's own address, not this host's.
 * No header of the browser's is passed on but its {@code Authorization}.
 */
@Hidden
@RestController
class ConsoleRelay {

    static final String PREFIX = "/console/api/auth";
    private static final Logger log = LoggerFactory.getLogger(ConsoleRelay.class);
    /** Staff routes are plain segments: no dots, no escapes, so nothing normalises into another route. */
    private static final Pattern STAFF_ROUTE = Pattern.compile("/admin(/[A-Za-z0-9_-]{1,64}){1,8}");

    private final HttpClient http;
    private final String authUrl;
    private final DirectoryProperties properties;
    private final String internalKey;

    ConsoleRelay(DirectoryProperties properties, InternalApiProperties internal,
            @Value("${" + TrustedCertificates.VARIABLE + ":}") String trustedCertificates) {
        this.properties = properties;
        this.internalKey = internal.apiKey();
        this.authUrl = properties.authServiceUrl().replaceAll("/+$", "");
        this.http = HttpClient.newBuilder().connectTimeout(properties.authTimeout())
                .sslContext(TrustedCertificates.sslContext(Map.of(TrustedCertificates.VARIABLE, trustedCertificates)))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).version(HttpClient.Version.HTTP_1_1).build();
    }

    @RequestMapping(path = PREFIX + "/auth/login", method = RequestMethod.POST)
    ResponseEntity<String> login(HttpServletRequest request, @RequestBody(required = false) String body) {
        return relay(request, body);
    }

    @RequestMapping(path = PREFIX + "/items", method = RequestMethod.GET)
    ResponseEntity<String> itemTypes(HttpServletRequest request) {
        return relay(request, null);
    }

    @RequestMapping(path = PREFIX + "/admin/**",
            method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.DELETE})
    ResponseEntity<String> relay(HttpServletRequest request, @RequestBody(required = false) String body) {
        String path = request.getRequestURI().substring(PREFIX.length());
        if (!path.equals("/auth/login") && !path.equals("/items") && !STAFF_ROUTE.matcher(path).matches()) {
            return problem(400, "INVALID_PATH", "Not a staff route");
        }
        String query = request.getQueryString();
        HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(authUrl + path + (query == null ? "" : "?" + query)))
                .timeout(properties.authTimeout())
                .header("Accept", "application/json")
                .header(InternalClient.KEY_HEADER, internalKey)
                .header(StaffContracts.CLIENT_ADDRESS_HEADER, request.getRemoteAddr())
                .method(request.getMethod(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            forward.header("Content-Type", "application/json");
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            forward.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        try {
            HttpResponse<String> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofString());
            return ResponseEntity.status(answer.statusCode())
                    .contentType(MediaType.parseMediaType(answer.headers().firstValue("Content-Type")
                            .orElse(MediaType.APPLICATION_JSON_VALUE)))
                    .body(answer.body());
        } catch (IOException e) {
            log.warn("Console relay to auth-service failed: {}", e.toString());
            return problem(503, "SERVICE_UNAVAILABLE", "auth-service cannot be reached; try again shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return problem(503, "SERVICE_UNAVAILABLE", "interrupted");
        } catch (IllegalArgumentException e) {
            return problem(400, "INVALID_PATH", "Not a staff route");
        }
    }

    private static ResponseEntity<String> problem(int status, String code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body("{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"statusCode\":" + status + "}");
    }
}
