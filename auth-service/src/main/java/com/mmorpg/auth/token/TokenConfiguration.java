package com.mmorpg.auth.token;

import com.mmorpg.common.token.AccessTokenCodec;
import com.mmorpg.common.token.SigningKeys;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class TokenConfiguration implements WebMvcConfigurer {

    private final AccessTokenCodec codec;
    private final SessionRevocations revocations;

    TokenConfiguration(TokenProperties properties, @Lazy SessionRevocations revocations) {
        this.revocations = revocations;
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
        resolvers.add(new CurrentAccountResolver(codec, revocations));
    }
}
