package com.mmorpg.worlddirectory.apidocs;

import com.mmorpg.service.openapi.ApiDocsAutoConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * world-directory's OpenAPI 3 document ({@code /v3/api-docs}; Swagger UI at {@code /swagger-ui.html}
 * outside the prod profile). Every route is service-to-service ({@code X-Internal-Key}) but the staff
 * routes under {@code /admin}, which take a staff member's bearer access token.
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
                        + "X-Internal-Key; never by game clients. Routes under /admin are for support staff (the console): "
                        + "a bearer access token of a gm or admin account, checked with auth-service. Errors are "
                        + "application/problem+json with a stable code.")
                .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")));
    }

    /** Staff routes take a bearer token (the staff member's), not the internal key. */
    @Bean
    OperationCustomizer bearerForStaffRoutes() {
        return (operation, handler) -> {
            RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
            boolean staff = mapping != null && Arrays.stream(mapping.path()).anyMatch(path -> path.startsWith("/admin/"));
            if (staff) {
                operation.setSecurity(List.of(new SecurityRequirement().addList(ApiDocsAutoConfiguration.BEARER)));
            }
            return operation;
        };
    }
}
