package com.mmorpg.auth.token;

import com.mmorpg.common.token.AccessTokenCodec;
import com.mmorpg.common.token.SigningKeys;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class TokenConfiguration implements WebMvcConfigurer {

    private final AccessTokenCodec codec;
    private final SessionRevocations revocations;

    private final JdbcClient jdbc;

    TokenConfiguration(TokenProperties properties, @Lazy SessionRevocations revocations, JdbcClient jdbc) {
        this.revocations = revocations;
        this.jdbc = jdbc;
        this.codec = new AccessTokenCodec(
                SigningKeys.of("JWT_SECRET", properties.jwtSecret(), properties.jwtSecretPrevious()),
                properties.accessTtl(), Clock.systemUTC());
    }

    @Bean
    AccessTokenCodec accessTokenCodec() {
        return codec;
    }

    @Override
    public void addArgumentResolvers(java.util.List<HandlerMethodArgumentResolver> resolvers) {
        CurrentAccountResolver accounts = new CurrentAccountResolver(codec, revocations);
        resolvers.add(accounts);
        resolvers.add(new StaffResolver(accounts, jdbc));
    }
}
