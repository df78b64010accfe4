package com.mmorpg.auth.token;

import com.mmorpg.common.token.AccessTokenCodec;
import com.mmorpg.common.token.Role;
import org.springframework.core.MethodParameter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@link StaffAccount} parameters: the bearer token is verified as for players, then the
 * account's role is read from the database on every request, so taking a role away, or banning
 * the account, takes effect at once rather than when its token expires.
 */
class StaffResolver implements HandlerMethodArgumentResolver {

    private final CurrentAccountResolver tokens;
    private final JdbcClient jdbc;

    StaffResolver(CurrentAccountResolver tokens, JdbcClient jdbc) {
        this.tokens = tokens;
        this.jdbc = jdbc;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(StaffAccount.class) && parameter.getParameterType() == Staff.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binders) {
        AccessTokenCodec.AccessToken token = tokens.verified(request);
        long accountId = CurrentAccountResolver.accountId(token);
        Role needed = parameter.getParameterAnnotation(StaffAccount.class).value();
        Staff staff = jdbc.sql("""
                        SELECT username, role FROM accounts
                        WHERE id = ? AND (banned_until IS NULL OR banned_until <= now())""")
                .param(accountId)
                .query((row, number) -> new Staff(accountId, row.getString("username"),
                        Role.of(row.getString("role")).orElse(Role.PLAYER), token.sessionId()))
                .optional()
                .orElseThrow(() -> new UnauthorizedException("Account gone or banned", "invalid_token"));
        if (!staff.role().atLeast(needed)) {
            throw new ForbiddenException("This needs the " + needed.wireName() + " role");
        }
        return staff;
    }
}
