package com.mmorpg.service.error;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.SocketException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
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

    @Test
    void aBurstOfTheSameFailureIsOneLogLineAndEveryOneIsCounted() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ProblemDetailsAdvice shedding = new ProblemDetailsAdvice(meters);
        Logger logger = (Logger) LoggerFactory.getLogger(ProblemDetailsAdvice.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            for (int i = 0; i < 300; i++) {
                shedding.handleApi(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "SERVER_BUSY", "busy"), request);
            }
            shedding.handleUnexpected(new IllegalStateException("another kind"), request);
        } finally {
            logger.detachAppender(lines);
        }

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn(line -> line.startsWith("request failed"))
                .containsExactly("request failed path=/map-registry/map/7 status=503 code=SERVER_BUSY",
                        "request failed path=/map-registry/map/7 status=500 code=INTERNAL_ERROR");
        assertThat(meters.get("mmo.api.errors").tag("code", "SERVER_BUSY").counter().count()).isEqualTo(300);
    }
}
