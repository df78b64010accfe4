package com.mmorpg.auth.apidocs;

import com.mmorpg.auth.token.CurrentAccount;
import com.mmorpg.auth.token.StaffAccount;
import com.mmorpg.service.openapi.ApiDocsAutoConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.Arrays;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * auth-service's OpenAPI 3 document ({@code /v3/api-docs}; Swagger UI at {@code /swagger-ui.html}
 * outside the prod profile). Routes, bodies and error codes come from the controllers and their
 * annotations; a route whose handler takes the {@link CurrentAccount} needs a Bearer access token.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static {
        // resolved from the Bearer token, not a request parameter
        SpringDocUtils.getConfig().addAnnotationsToIgnore(CurrentAccount.class, StaffAccount.class);
    }

    @Bean
    OpenAPI authServiceApi() {
        String version = ApiDocumentation.class.getPackage().getImplementationVersion();
        return new OpenAPI().info(new Info().title("auth-service")
                .version(version == null ? "dev" : version)
                .description("Accounts, JWT access and refresh tokens, characters and classes of the MMO RPG backend. "
                        + "JSON is snake_case, ids travel as strings, every error is application/problem+json with a "
                        + "stable code. Routes under /internal and /characters/{id}/internal are for the gateway, map "
                        + "servers and operators (X-Internal-Key), never for game clients. Routes under /admin are for support "
                        + "staff: a bearer token of an account with the gm or admin role.")
                .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")));
    }

    @Bean
    OperationCustomizer bearerForTheCurrentAccount() {
        return (operation, handler) -> {
            boolean needsAccount = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(parameter -> parameter.hasParameterAnnotation(CurrentAccount.class)
                            || parameter.hasParameterAnnotation(StaffAccount.class));
            if (needsAccount) {
                operation.addSecurityItem(new SecurityRequirement().addList(ApiDocsAutoConfiguration.BEARER));
                ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
                responses.putIfAbsent("401", new ApiResponse().description(
                        "UNAUTHORIZED: no, an invalid, an expired or a revoked access token (with WWW-Authenticate)"));
                operation.setResponses(responses);
            }
            return operation;
        };
    }
}
