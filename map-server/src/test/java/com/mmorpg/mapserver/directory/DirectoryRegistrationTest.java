package com.mmorpg.mapserver.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.MapRegistry;
import com.mmorpg.testsupport.http.HttpStub;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DirectoryRegistrationTest {

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private HttpStub directory;

    @BeforeEach
    void start() throws Exception {
        directory = new HttpStub();
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        directory.close();
    }

    private DirectoryRegistration registration(Duration base, Duration max, int attempts, Duration heartbeat) {
        return registration(base, max, attempts, heartbeat, () -> 3);
    }

    private DirectoryRegistration registration(Duration base, Duration max, int attempts, Duration heartbeat,
            IntSupplier players) {
        InternalClient http = new InternalClient("world-directory", directory.url(), "key-0123456789abcdef0123456789abcdef", Duration.ofSeconds(2),
                InternalClient.httpClient(Duration.ofSeconds(2), Executors.newCachedThreadPool(), null));
        return new DirectoryRegistration(http, new DirectoryRegistration.Identity("map-server-1", "Meadows", "127.0.0.1",
                4001, 1, 100, "127.0.0.1:5001", "0123456789abcdef"), new DirectoryRegistration.Timing(heartbeat, base, max, attempts), scheduler, players, () -> 0.25,
                () -> 4.5, () -> Double.NaN, new DirectoryRegistration.SaveBacklog() {
                    @Override
                    public int pending() {
                        return 2;
                    }

                    @Override
                    public long oldestMillis() {
                        return 12_000;
                    }
                });
    }

    @Test
    void backoffFollowsTheSeed() {
        DirectoryRegistration seed = registration(Duration.ofSeconds(5), Duration.ofSeconds(30), 10, Duration.ofSeconds(15));

        assertThat(java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(n -> seed.backoff(n).toSeconds()))
                .containsExactly(5L, 10L, 15L, 20L, 25L, 30L, 30L, 30L);
    }

    @Test
    void retriesUntilTheDirectoryAnswersThenHeartbeatsWithPlayersAndLoad() {
        directory.answer("POST /map-registry/register", 503, "{}");
        directory.answer("POST /map-registry/heartbeat", 200, "{}");
        DirectoryRegistration registration = registration(Duration.ofMillis(20), Duration.ofMillis(60), 10, Duration.ofSeconds(30));
        registration.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> directory.calls("POST /map-registry/register").size() >= 3);
        assertThat(registration.isRegistered()).isFalse();

        directory.answer("POST /map-registry/register", 201, "{}");
        await().atMost(Duration.ofSeconds(10)).until(registration::isRegistered);
    }

    @Test
    void givesUpAfterTheLastAttemptAndKeepsRunningUnregisteredUntilAHeartbeatSucceedsInRegistering() {
        directory.answer("POST /map-registry/register", 503, "{}");
        DirectoryRegistration registration = registration(Duration.ofMillis(10), Duration.ofMillis(10), 4, Duration.ofMillis(400));
        registration.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> directory.calls("POST /map-registry/register").size() >= 4);
        assertThat(registration.isRegistered()).isFalse();

        directory.answer("POST /map-registry/register", 201, "{}");
        await().atMost(Duration.ofSeconds(10)).until(registration::isRegistered);
        assertThat(registration.registrations()).isEqualTo(1);
    }

    @Test
    void heartbeatsCarryPlayersAndLoadAndA404RegistersAgain() {
        directory.answer("POST /map-registry/register", 201, "{}");
        directory.answer("POST /map-registry/heartbeat", 404, "{\"code\":\"SERVER_NOT_REGISTERED\"}");
        DirectoryRegistration registration = registration(Duration.ofMillis(10), Duration.ofMillis(10), 4, Duration.ofMillis(50));
        registration.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> registration.registrations() >= 2);
        assertThat(directory.calls("POST /map-registry/heartbeat").getFirst().body())
                .contains("\"id\":\"map-server-1\"", "\"content_version\":\"0123456789abcdef\"", "\"current_players\":3", "\"load\":0.25", "\"tick_p99_ms\":4.5",
                        "\"tick_cpu_p99_ms\":null", "\"saves_pending\":2", "\"oldest_unsaved_ms\":12000");
    }

    @Test
    void aHeartbeatInFlightAtShutdownCannotRegisterTheServerAgainAfterItsDeregistration() {
        directory.answer("POST /map-registry/register", 201, "{}");
        // The worst crossing: the heartbeat is slow, and the directory answers it 404 (its entry deleted meanwhile).
        directory.answer("POST /map-registry/heartbeat", 404, "{\"code\":\"SERVER_NOT_REGISTERED\"}", 800);
        directory.answer("DELETE " + MapRegistry.serverPath("map-server-1"), 204, "");
        DirectoryRegistration registration = registration(Duration.ofMillis(10), Duration.ofMillis(10), 4, Duration.ofMillis(50));
        registration.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !directory.calls("POST /map-registry/heartbeat").isEmpty());

        registration.markDraining();
        registration.deregister();

        // Three registrations whatever the order (the first, the draining mark, the heartbeat's 404), and the
        // deletion after all of them: before the fix the heartbeat's re-registration came after it.
        await().atMost(Duration.ofSeconds(10)).until(() -> directory.calls("POST /map-registry/register").size() >= 3);
        List<String> order = directory.calls().stream().map(call -> call.method() + " " + call.path())
                .filter(call -> !call.contains("heartbeat")).toList();
        assertThat(order.getLast()).as(order.toString()).isEqualTo("DELETE " + MapRegistry.serverPath("map-server-1"));
    }

    @Test
    void aHeartbeatThatThrowsOrIsInterruptedDoesNotEndTheHeartbeats() {
        directory.answer("POST /map-registry/register", 201, "{}");
        directory.answer("POST /map-registry/heartbeat", 200, "{}");
        AtomicInteger reads = new AtomicInteger();
        // What the heartbeat reads fails twice (an exception, then an error), and once the thread is interrupted.
        IntSupplier players = () -> switch (reads.incrementAndGet()) {
            case 1 -> throw new IllegalStateException("a broken gauge");
            case 2 -> throw new AssertionError("an error, not an exception");
            case 3 -> {
                Thread.currentThread().interrupt();
                yield 3;
            }
            default -> 3;
        };
        DirectoryRegistration registration = registration(Duration.ofMillis(10), Duration.ofMillis(10), 4,
                Duration.ofMillis(50), players);
        registration.start();

        // Before the guard, the scheduler cancelled the heartbeats for good at the first throw.
        await().atMost(Duration.ofSeconds(10)).until(() -> directory.calls("POST /map-registry/heartbeat").size() >= 3);
        assertThat(reads.get()).isGreaterThanOrEqualTo(5);
        assertThat(registration.heartbeating(Duration.ofSeconds(5).toNanos())).isTrue();
    }
}
