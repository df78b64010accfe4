package com.mmorpg.worlddirectory.apidocs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * world-directory's OpenAPI 3 document ({@code /v3/api-docs}; Swagger UI at {@code /swagger-ui.html}
 * outside the prod profile). Every route is service-to-service ({@code X-Internal-Key}).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    @Bean
    OpenAPI worldDirectoryApi() {
        String version = ApiDocumentation.class.getPackage().getImplementationVersion();
        return new OpenAPI().info(new Info().title("world-directory")
                .version(version == null ? "dev" : version)
                .description("The map-server registry (register, heartbeats, TTL, allocation by load) and the online "
                        + "sessions of the MMO RPG backend, in Redis. Called by map servers and gateways with "
                        + "X-Internal-Key; never by game clients. Errors are application/problem+json with a stable code.")
                .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")));
    }
}
