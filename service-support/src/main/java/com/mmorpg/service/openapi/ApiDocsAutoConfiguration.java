package com.mmorpg.service.openapi;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.mmorpg.service.web.InternalApiProperties;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.util.AntPathMatcher;

/**
 * What the OpenAPI documents of auth-service and world-directory share (springdoc, where the
 * service has it): schemas named as the JSON is written (snake_case), the problem+json error body
 * on every 4xx/5xx answer, the two auth schemes ({@code bearer}: an access token from
 * auth-service; {@code internal-key}: the {@code X-Internal-Key} header of service-to-service calls,
 * required on exactly the paths {@code mmo.internal.paths} guards), and the answers every route can
 * give: 400 and 413 for a body, 503 while a store is down.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
public class ApiDocsAutoConfiguration {

    public static final String BEARER = "bearer";
    public static final String INTERNAL_KEY = "internal-key";
    static final String PROBLEM = "Problem";
    static final String PROBLEM_MEDIA_TYPE = "application/problem+json";

    /** Property names as the services write them (Jackson 3, snake_case); swagger-core reads models with Jackson 2. */
    @Bean
    ModelConverter snakeCaseModels() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    @Bean
    OpenApiCustomizer sharedApiConventions(InternalApiProperties internal) {
        return openApi -> {
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components);
            components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .bearerFormat("JWT").description("An access token from POST /auth/login, /auth/register or /auth/refresh"));
            components.addSecuritySchemes(INTERNAL_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                    .in(SecurityScheme.In.HEADER).name("X-Internal-Key")
                    .description("The shared key of service-to-service calls (INTERNAL_API_KEY); never given to players"));
            components.addSchemas(PROBLEM, problemSchema());
            if (openApi.getPaths() == null) {
                return;
            }
            AntPathMatcher matcher = new AntPathMatcher();
            openApi.getPaths().forEach((path, item) -> {
                String concrete = path.replaceAll("\\{[^}]+}", "x");
                boolean internalPath = internal.paths().stream().anyMatch(pattern -> matcher.match(pattern, concrete));
                for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
                    conventions(entry.getValue(), internalPath);
                }
            });
        };
    }

    private static void conventions(Operation operation, boolean internalPath) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        if (internalPath) {
            operation.addSecurityItem(new SecurityRequirement().addList(INTERNAL_KEY));
            responses.putIfAbsent("401", new ApiResponse().description("INVALID_INTERNAL_KEY: X-Internal-Key missing or wrong"));
        }
        if (operation.getRequestBody() != null) {
            responses.putIfAbsent("400", new ApiResponse().description(
                    "VALIDATION_FAILED (with errors: [{field, message}]); INVALID_REQUEST: malformed JSON, wrong types or unknown fields"));
            responses.putIfAbsent("413", new ApiResponse().description("PAYLOAD_TOO_LARGE: a body over 16 KiB"));
        }
        responses.putIfAbsent("503", new ApiResponse().description(
                "STORE_UNAVAILABLE: the database or Redis is down or slow; retry after Retry-After seconds"));
        responses.forEach((code, response) -> {
            // Every error is problem+json, whatever the success answer's type (springdoc copies it to every code).
            if (code.length() == 3 && code.charAt(0) >= '4' && response.get$ref() == null
                    && (response.getContent() == null || !response.getContent().containsKey(PROBLEM_MEDIA_TYPE))) {
                response.setContent(new Content().addMediaType(PROBLEM_MEDIA_TYPE,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            }
        });
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        Schema<?> field = new ObjectSchema().addProperty("field", new StringSchema()).addProperty("message", new StringSchema());
        return new ObjectSchema()
                .description("RFC 9457 problem details, as every error of these services is answered")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("code", new StringSchema().description("stable, machine-readable: the codes each route lists").example("VALIDATION_FAILED"))
                .addProperty("message", new StringSchema().description("for people; the seed client shows it"))
                .addProperty("statusCode", new IntegerSchema().description("the HTTP status again (the seed client reads it)"))
                .addProperty("errors", new ArraySchema().items(field).description("VALIDATION_FAILED only"));
    }
}
