package com.mmorpg.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a service's OpenAPI document (parsed JSON, as maps) against the routes its controllers
 * really map: every route must be in the document, with a summary, its success answer, at least one
 * error answer in problem+json, and a security requirement where {@code secured} says so.
 */
public final class OpenApiCoverage {

    /** A controller route: an HTTP method and the path pattern as Spring maps it ({@code /characters/{id}}). */
    public record Route(String method, String path) {
    }

    private OpenApiCoverage() {
    }

    /** The routes of the controllers in {@code packagePrefix} (not springdoc's or actuator's own). */
    public static List<Route> routesOf(RequestMappingHandlerMapping mappings, String packagePrefix) {
        return mappings.getHandlerMethods().entrySet().stream()
                .filter(entry -> entry.getValue().getBeanType().getPackageName().startsWith(packagePrefix))
                .flatMap(entry -> entry.getKey().getPathPatternsCondition().getPatternValues().stream()
                        .flatMap(path -> entry.getKey().getMethodsCondition().getMethods().stream()
                                .map(method -> new Route(method.name(), path))))
                .toList();
    }

    /** GET {@code base + path}: status and body. */
    public static HttpResponse<String> get(String base, String path) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The service's OpenAPI document, {@code /v3/api-docs}, as maps. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> document(String base) throws IOException, InterruptedException {
        HttpResponse<String> response = get(base, "/v3/api-docs");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/v3/api-docs answered " + response.statusCode());
        }
        return JsonMapper.builder().build().readValue(response.body(), Map.class);
    }

    /** The security requirements of one operation as text ("" when none). */
    @SuppressWarnings("unchecked")
    public static String security(Map<String, Object> document, String path, String method) {
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        Object security = ((Map<String, Object>) ((Map<String, Object>) paths.get(path)).get(method)).get("security");
        return security == null ? "" : security.toString();
    }

    /** What is missing or incomplete; empty when the document covers every route. */
    @SuppressWarnings("unchecked")
    public static List<String> problems(Map<String, Object> document, List<Route> routes, Predicate<Route> secured) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> paths = (Map<String, Object>) document.getOrDefault("paths", Map.of());
        for (Route route : routes) {
            // a catch-all variable ({*path}) is documented as a plain one ({path})
            Map<String, Object> item = (Map<String, Object>) paths.get(route.path().replace("{*", "{"));
            Map<String, Object> operation = item == null ? null : (Map<String, Object>) item.get(route.method().toLowerCase(Locale.ROOT));
            String name = route.method() + " " + route.path();
            if (operation == null) {
                problems.add(name + ": not in the document");
                continue;
            }
            if (!(operation.get("summary") instanceof String summary) || summary.isBlank()) {
                problems.add(name + ": no summary");
            }
            Map<String, Object> responses = (Map<String, Object>) operation.getOrDefault("responses", Map.of());
            if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
                problems.add(name + ": no success answer");
            }
            boolean problemJsonError = responses.entrySet().stream().anyMatch(entry -> entry.getKey().matches("[45]\\d\\d")
                    && entry.getValue() instanceof Map<?, ?> response
                    && response.get("content") instanceof Map<?, ?> content && content.containsKey("application/problem+json"));
            if (!problemJsonError) {
                problems.add(name + ": no error answer in application/problem+json");
            }
            if (secured.test(route) && !(operation.get("security") instanceof List<?> security && !security.isEmpty())) {
                problems.add(name + ": no security requirement");
            }
        }
        return problems;
    }
}
