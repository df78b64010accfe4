package com.mmorpg.gateway.config;

import com.mmorpg.common.token.AccessTokenCodec;
import com.mmorpg.common.token.MapTicketCodec;
import com.mmorpg.common.token.SigningKeys;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class GatewayConfiguration {

    @Bean
    AccessTokenCodec accessTokenCodec(GatewayProperties properties) {
        // The gateway only verifies access tokens; the lifetime is auth-service's business.
        return new AccessTokenCodec(SigningKeys.of("JWT_SECRET", properties.jwtSecret(), properties.jwtSecretPrevious()),
                Duration.ofMinutes(15), Clock.systemUTC());
    }

    @Bean
    MapTicketCodec mapTicketCodec(GatewayProperties properties) {
        return new MapTicketCodec(SigningKeys.of("TICKET_SECRET", properties.ticketSecret(), properties.ticketSecretPrevious()),
                properties.ticketTtl(), Clock.systemUTC());
    }
}
