package com.mmorpg.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.service.fixture.FixtureApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(classes = FixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mmo.internal.api-key=k-0123456789", "mmo.internal.paths=/internal/**", "mmo.http.max-body-bytes=1024"})
class ServiceSupportTest {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void validSnakeCaseBodyIsAccepted() throws Exception {
        HttpResponse<String> response = post("/echo", "{\"user_name\":\"alice\",\"count\":\"3\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"user_name\":\"alice\",\"count\":3}");
    }

    @Test
    void malformedJsonIs400ProblemJson() throws Exception {
        HttpResponse<String> response = post("/echo", "{\"user_name\":");

        assertProblem(response, 400, "INVALID_REQUEST");
        assertThat(response.body()).contains("\"message\":\"Malformed JSON\"").contains("\"statusCode\":400");
    }

    @Test
    void wrongTypeNamesTheField() throws Exception {
        HttpResponse<String> response = post("/echo", "{\"user_name\":123}");

        assertProblem(response, 400, "INVALID_REQUEST");
        assertThat(response.body()).contains("Invalid value for field 'user_name'");
    }

    @Test
    void unknownFieldIsRefused() throws Exception {
        HttpResponse<String> response = post("/echo", "{\"user_name\":\"alice\",\"admin\":true}");

        assertProblem(response, 400, "INVALID_REQUEST");
        assertThat(response.body()).contains("Unknown field 'admin'");
    }

    @Test
    void beanValidationNamesTheSnakeCaseField() throws Exception {
        HttpResponse<String> response = post("/echo", "{\"user_name\":\"A!\"}");

        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(response.body()).contains("\"field\":\"user_name\"").contains("user_name: must match");
    }

    @Test
    void declaredOversizedBodyIs413BeforeReading() throws Exception {
        HttpResponse<String> response = post("/echo", "{\"user_name\":\"" + "a".repeat(5000) + "\"}");

        assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void chunkedOversizedBodyIs413() throws Exception {
        byte[] body = ("{\"user_name\":\"" + "a".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(uri("/echo"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void apiExceptionCarriesCodeAndHeaders() throws Exception {
        HttpResponse<String> response = get("/limited", null);

        assertProblem(response, 429, "RATE_LIMITED");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(response.body()).contains("\"message\":\"Slow down\"");
    }

    @Test
    void unexpectedErrorLeaksNothing() throws Exception {
        HttpResponse<String> response = get("/boom", null);

        assertProblem(response, 500, "INTERNAL_ERROR");
        assertThat(response.body()).doesNotContain("hunter2").doesNotContain("IllegalState").doesNotContain("at com.");
    }

    @Test
    void springMvcErrorsKeepTheShape() throws Exception {
        assertProblem(get("/nowhere", null), 404, "NOT_FOUND");
        assertProblem(http.send(HttpRequest.newBuilder(uri("/limited")).DELETE().build(), HttpResponse.BodyHandlers.ofString()),
                405, "METHOD_NOT_ALLOWED");
        assertProblem(http.send(HttpRequest.newBuilder(uri("/echo")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hi")).build(), HttpResponse.BodyHandlers.ofString()),
                415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void internalPathsNeedTheKey() throws Exception {
        assertProblem(get("/internal/ping", null), 401, "INVALID_INTERNAL_KEY");
        assertProblem(get("/internal/ping", "wrong"), 401, "INVALID_INTERNAL_KEY");
        assertThat(get("/internal/ping", "k-0123456789").statusCode()).isEqualTo(200);
    }

    @Test
    void errorsAreCountedByCode() throws Exception {
        double before = count("NOT_FOUND");

        get("/nowhere-else", null);

        assertThat(count("NOT_FOUND")).isEqualTo(before + 1);
    }

    private double count(String code) {
        var counter = meters.find("mmo.api.errors").tag("code", code).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"code\":\"" + code + "\"").contains("\"statusCode\":" + status);
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String internalKey) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path));
        if (internalKey != null) {
            builder.header("X-Internal-Key", internalKey);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
