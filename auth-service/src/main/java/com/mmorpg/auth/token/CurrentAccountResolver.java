package com.mmorpg.auth.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mmorpg.common.token.AccessTokenCodec;
import com.mmorpg.common.token.InvalidTokenException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@link CurrentAccount} parameters from the Bearer access token. A client sends the
 * same token for its whole 15-minute life, so verified tokens are remembered (until their own
 * expiry, at most a minute): verifying the JWT was a fifth of the CPU of {@code GET /characters}.
 * Only tokens that passed verification are remembered, so a forged one is checked every time.
 * A token of a revoked session (logout, reuse, ban) is refused ({@link SessionRevocations}).
 */
class CurrentAccountResolver implements HandlerMethodArgumentResolver {

    private static final String BEARER = "Bearer ";

    private final AccessTokenCodec codec;
    private final SessionRevocations revocations;
    private final Cache<String, AccessTokenCodec.AccessToken> verified = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    CurrentAccountResolver(AccessTokenCodec codec, SessionRevocations revocations) {
        this.codec = codec;
        this.revocations = revocations;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(CurrentAccount.class)
                && (parameter.getParameterType() == long.class || parameter.getParameterType() == Long.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binders) {
        return accountId(verified(request));
    }

    /** The verified, unrevoked access token of the request's {@code Authorization: Bearer} header; else 401. */
    AccessTokenCodec.AccessToken verified(NativeWebRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new UnauthorizedException("Missing Bearer token", null);
        }
        String token = header.substring(BEARER.length()).strip();
        try {
            AccessTokenCodec.AccessToken claims = verified.getIfPresent(token);
            if (claims == null || !claims.expiresAt().isAfter(Instant.now())) {
                claims = codec.verify(token);
                verified.put(token, claims);
            }
            if (revocations.isRevoked(claims)) {
                throw new UnauthorizedException("Session revoked", "invalid_token");
            }
            return claims;
        } catch (InvalidTokenException e) {
            throw new UnauthorizedException("Invalid or expired token", "invalid_token");
        }
    }

    static long accountId(AccessTokenCodec.AccessToken token) {
        try {
            return Long.parseLong(token.userId());
        } catch (NumberFormatException e) {
            throw new UnauthorizedException("Invalid or expired token", "invalid_token");
        }
    }
}
