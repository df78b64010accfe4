package com.mmorpg.service.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The services' periodic work (session pruning, Redis reconnects, the gateway's pings and session
 * refreshes, presence) runs as {@code @Scheduled} tasks on Spring Boot's scheduler, configured as the
 * services run it (virtual threads on). A task whose run throws, errors or is interrupted must run
 * again on schedule: unlike a JDK {@code ScheduledExecutorService}, which cancels it for good. This
 * pins that behaviour, which the services rely on instead of guarding each task.
 */
@SpringBootTest(classes = ScheduledTasksTest.Tasks.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.threads.virtual.enabled=true")
@Timeout(60)
class ScheduledTasksTest {

    @Configuration
    @EnableScheduling
    @ImportAutoConfiguration(TaskSchedulingAutoConfiguration.class)
    static class Tasks {

        @Bean
        Flaky flaky() {
            return new Flaky();
        }
    }

    static class Flaky {

        final AtomicInteger runs = new AtomicInteger();

        @Scheduled(fixedDelay = 20)
        void run() {
            switch (runs.incrementAndGet()) {
                case 1 -> throw new IllegalStateException("a task's bug");
                case 2 -> throw new StackOverflowError("an error, not an exception");
                case 3 -> Thread.currentThread().interrupt();
                default -> {
                }
            }
        }
    }

    @Autowired
    Flaky flaky;

    @Test
    void aScheduledTaskThatThrowsErrsOrIsInterruptedRunsAgainOnSchedule() {
        await().atMost(Duration.ofSeconds(30)).until(() -> flaky.runs.get() >= 8);
        assertThat(flaky.runs.get()).isGreaterThanOrEqualTo(8);
    }
}
