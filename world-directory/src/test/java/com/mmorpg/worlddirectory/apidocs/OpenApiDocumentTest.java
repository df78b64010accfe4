package com.mmorpg.worlddirectory.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.testsupport.OpenApiCoverage;
import com.mmorpg.testsupport.SpringTestServers;
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

/** Every directory route is in the OpenAPI document, each behind X-Internal-Key, with the wire's names. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SpringTestServers.redis(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    @SuppressWarnings("unchecked")
    void everyRouteIsDocumentedAndNeedsTheInternalKey() throws Exception {
        List<OpenApiCoverage.Route> routes = OpenApiCoverage.routesOf(mappings, "com.mmorpg");
        Map<String, Object> document = OpenApiCoverage.document("http://127.0.0.1:" + port);
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");

        assertThat(routes).hasSizeGreaterThanOrEqualTo(10);
        // The console (its page and its relay to auth-service) is a web page, not part of the API.
        List<OpenApiCoverage.Route> api = routes.stream().filter(route -> !route.path().startsWith("/console")).toList();
        assertThat(OpenApiCoverage.problems(document, api, route -> true)).isEmpty();
        assertThat(OpenApiCoverage.security(document, "/map-registry/map/{mapId}", "get")).contains("internal-key");
        assertThat(OpenApiCoverage.security(document, "/admin/servers", "get")).contains("bearer").doesNotContain("internal-key");
        assertThat(OpenApiCoverage.security(document, "/admin/servers/{id}/drain", "post")).contains("bearer").doesNotContain("internal-key");
        assertThat((Map<String, Object>) ((Map<String, Object>) schemas.get("OnlineResponse")).get("properties"))
                .containsKeys("userId", "gatewayId", "since", "replaced"); // the seed's camelCase, kept on this API
    }
}
