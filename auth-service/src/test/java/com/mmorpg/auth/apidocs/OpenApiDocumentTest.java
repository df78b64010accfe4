package com.mmorpg.auth.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.testsupport.OpenApiCoverage;
import com.mmorpg.testsupport.SpringTestServers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The OpenAPI document covers every route the controllers map, with the wire's names and both auth schemes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SpringTestServers.postgres(registry);
        SpringTestServers.redis(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyControllerRouteIsDocumentedWithItsErrorsAndAuth() throws Exception {
        List<OpenApiCoverage.Route> routes = OpenApiCoverage.routesOf(mappings, "com.mmorpg");

        assertThat(routes).hasSizeGreaterThanOrEqualTo(16);
        assertThat(OpenApiCoverage.problems(OpenApiCoverage.document(base()), routes,
                route -> route.path().startsWith("/characters") || route.path().startsWith("/internal"))).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void schemasUseTheWireNamesAndRoutesTheirAuthScheme() throws Exception {
        Map<String, Object> document = OpenApiCoverage.document(base());
        Map<String, Object> components = (Map<String, Object>) document.get("components");
        Map<String, Object> schemas = (Map<String, Object>) components.get("schemas");
        Map<String, Object> tokens = (Map<String, Object>) ((Map<String, Object>) schemas.get("TokenResponse")).get("properties");
        Map<String, Object> characters = (Map<String, Object>) ((Map<String, Object>) document.get("paths")).get("/characters");

        assertThat(tokens).containsKeys("access_token", "refresh_token", "expires_in", "user_id");
        assertThat((Map<String, Object>) components.get("securitySchemes")).containsKeys("bearer", "internal-key");
        assertThat(OpenApiCoverage.security(document, "/characters", "get")).contains("bearer");
        assertThat(OpenApiCoverage.security(document, "/characters/{id}/internal", "get")).contains("internal-key");
        assertThat(OpenApiCoverage.security(document, "/character-classes", "get")).isEmpty();
        assertThat(((Map<String, Object>) characters.get("get")).get("parameters"))
                .as("the account comes from the token, not a parameter").isNull();
        assertThat(OpenApiCoverage.security(document, "/admin/players", "get")).contains("bearer");
        Map<String, Object> players = (Map<String, Object>) ((Map<String, Object>) document.get("paths")).get("/admin/players");
        assertThat((java.util.List<Map<String, Object>>) ((Map<String, Object>) players.get("get")).get("parameters"))
                .as("the staff member comes from the token; the query is the only parameter")
                .extracting(parameter -> parameter.get("name")).containsExactly("query");
    }

    @Test
    void swaggerUiIsServedOutsideProd() throws Exception {
        HttpResponse<String> ui = OpenApiCoverage.get(base(), "/swagger-ui/index.html");

        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
