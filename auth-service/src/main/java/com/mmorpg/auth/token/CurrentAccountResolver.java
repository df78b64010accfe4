package com.mmorpg.auth.token;

import com.mmorpg.common.token.AccessTokenCodec;
import com.mmorpg.common.token.InvalidTokenException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves {@link CurrentAccount} parameters from the Bearer access token. */
class CurrentAccountResolver implements HandlerMethodArgumentResolver {

    private static final String BEARER = "Bearer ";

    private final AccessTokenCodec codec;

    CurrentAccountResolver(AccessTokenCodec codec) {
        this.codec = codec;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(CurrentAccount.class)
                && (parameter.getParameterType() == long.class || parameter.getParameterType() == Long.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binders) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new UnauthorizedException("Missing Bearer token", null);
        }
        try {
            String userId = codec.verify(header.substring(BEARER.length()).strip()).userId();
            return Long.parseLong(userId);
        } catch (InvalidTokenException e) {
            throw new UnauthorizedException("Invalid or expired token", "invalid_token");
        } catch (NumberFormatException e) {
            throw new UnauthorizedException("Invalid or expired token", "invalid_token");
        }
    }
}
