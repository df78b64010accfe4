package com.mmorpg.service.web;

import com.mmorpg.service.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Guards service-to-service endpoints: the caller must send {@code X-Internal-Key} equal to
 * {@code INTERNAL_API_KEY} (compared in constant time), else 401. Clients never hold this key.
 */
public class InternalApiKeyInterceptor implements HandlerInterceptor {

    public static final String HEADER = "X-Internal-Key";

    private final byte[] expected;

    public InternalApiKeyInterceptor(String apiKey) {
        this.expected = apiKey.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String presented = request.getHeader(HEADER);
        if (presented == null || !MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "INVALID_INTERNAL_KEY", "Missing or invalid " + HEADER);
        }
        return true;
    }
}
