package com.mmorpg.service.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.SocketException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

class ProblemDetailsAdviceTest {

    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice(new SimpleMeterRegistry());
    private final ServletWebRequest request = new ServletWebRequest(new MockHttpServletRequest("GET", "/map-registry/map/7"));

    @Test
    void aStoreConnectionResetUnderAnUncategorizedWrapperIs503StoreUnavailableNot500() {
        // As Spring Data Redis wraps Lettuce when Redis goes away in the middle of a command.
        RuntimeException reset = new RuntimeException("Redis exception",
                new RuntimeException("io.lettuce.core.RedisException", new SocketException("Connection reset")));

        ResponseEntity<Object> answer = advice.handleUnexpected(reset, request);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(((ProblemDetail) answer.getBody()).getProperties()).containsEntry("code", "STORE_UNAVAILABLE");
    }

    @Test
    void anythingElseUnexpectedIs500WithoutInternals() {
        ResponseEntity<Object> answer = advice.handleUnexpected(new IllegalStateException("secret detail"), request);

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(((ProblemDetail) answer.getBody()).getProperties()).containsEntry("code", "INTERNAL_ERROR");
        assertThat(answer.getBody().toString()).doesNotContain("secret detail");
    }
}
