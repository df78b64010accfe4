package com.mmorpg.service;

import com.mmorpg.service.error.ProblemDetailsAdvice;
import com.mmorpg.service.error.RecentErrors;
import com.mmorpg.service.secrets.HoldsSecrets;
import com.mmorpg.service.secrets.ProductionSecretsGuard;
import com.mmorpg.service.web.InternalApiKeyInterceptor;
import com.mmorpg.service.web.InternalApiProperties;
import com.mmorpg.service.web.RequestBodyLimitFilter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * What every Spring service of the backend gets by depending on this module: problem+json errors,
 * strict snake_case JSON, a request-body cap, the internal-key guard on the paths a service lists
 * in {@code mmo.internal.paths}, and the production secret check.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@EnableConfigurationProperties(InternalApiProperties.class)
public class ServiceSupportAutoConfiguration {

    @Bean(destroyMethod = "close")
    RecentErrors recentErrors(MeterRegistry meters) {
        return new RecentErrors(meters);
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice(MeterRegistry meters) {
        return new ProblemDetailsAdvice(meters);
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            @Value("${mmo.http.max-body-bytes:16384}") long maxBodyBytes, MeterRegistry meters) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(maxBodyBytes, meters));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * The wire contract is snake_case; a field of the wrong type is an error, not a guess
     * ({@code "username": 123} is refused), and so is an unknown field. Numeric ids may come as
     * strings ("ids travel as strings").
     */
    @Bean
    JsonMapperBuilderCustomizer strictJsonCustomizer() {
        return builder -> builder
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail));
    }

    @Bean
    WebMvcConfigurer internalApiKeyGuard(InternalApiProperties properties) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                if (properties.paths().isEmpty()) {
                    return;
                }
                if (properties.apiKey() == null || properties.apiKey().isBlank()) {
                    throw new IllegalStateException("INTERNAL_API_KEY must be set when internal endpoints exist");
                }
                registry.addInterceptor(new InternalApiKeyInterceptor(properties.apiKey()))
                        .addPathPatterns(properties.paths());
            }
        };
    }

    @Bean
    static ProductionSecretsGuard productionSecretsGuard(Environment environment, ObjectProvider<HoldsSecrets> holders) {
        return new ProductionSecretsGuard(environment, holders);
    }
}
