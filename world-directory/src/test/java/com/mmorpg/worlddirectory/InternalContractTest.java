package com.mmorpg.worlddirectory;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.MapRegistry;
import com.mmorpg.common.internal.Sessions;
import com.mmorpg.testsupport.SpringTestServers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The map servers' and gateways' side of the internal contract, as they speak it: requests written
 * by {@code common}'s records through the shared {@link InternalClient} are accepted by this service
 * (whose JSON refuses unknown fields), and the answers read back as their records.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InternalContractTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SpringTestServers.redis(registry);
    }

    @LocalServerPort
    int port;

    private InternalClient directory() {
        return new InternalClient("world-directory", "http://127.0.0.1:" + port, DirectoryHttp.KEY,
                Duration.ofSeconds(10), InternalClient.httpClient(Duration.ofSeconds(10), Executors.newCachedThreadPool(), null));
    }

    @Test
    void aMapServersRegistrationAndHeartbeatAreAcceptedAndItsMapAllocatesToIt() {
        InternalClient directory = directory();
        int map = 7_777;

        InternalClient.Reply registered = directory.send("POST", MapRegistry.REGISTER_PATH, new MapRegistry.Registration(
                "map-server-contract", "Contract", "127.0.0.1", 4777, List.of(map), 50, "ACTIVE", "10.0.0.9:5777", "0123456789abcdef"));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        InternalClient.Reply beat = directory.send("POST", MapRegistry.HEARTBEAT_PATH,
                new MapRegistry.Heartbeat("map-server-contract", 3, 0.25, 6.5, 4.25));
        assertThat(beat.status()).as(beat.body().toString()).isEqualTo(200);

        MapRegistry.Allocation allocation = directory.send("GET", MapRegistry.allocationPath(map, "0123456789abcdef"), null)
                .as(MapRegistry.Allocation.class);
        assertThat(allocation).isEqualTo(new MapRegistry.Allocation("map-server-contract", "Contract", "127.0.0.1", 4777, 3, 50));
        assertThat(directory.send("GET", "/map-registry/servers", null).body().toString())
                .contains("\"tick_p99_ms\":6.5", "\"tick_cpu_p99_ms\":4.25", "\"ops_address\":\"10.0.0.9:5777\"",
                        "\"content_version\":\"0123456789abcdef\"");

        assertThat(directory.send("DELETE", MapRegistry.serverPath("map-server-contract"), null).status()).isEqualTo(204);
        assertThat(directory.send("GET", MapRegistry.allocationPath(map), null).status()).isEqualTo(404);
    }

    @Test
    void aGatewaysSessionCallsAreAcceptedAndAnsweredAsTheirRecords() {
        InternalClient directory = directory();

        Sessions.OnlineReply first = directory.send("POST", Sessions.ONLINE_PATH, new Sessions.Online("u-contract", "gw-a"))
                .as(Sessions.OnlineReply.class);
        assertThat(first.since()).isPositive();
        assertThat(first.replaced()).isNull();
        Sessions.OnlineReply moved = directory.send("POST", Sessions.ONLINE_PATH, new Sessions.Online("u-contract", "gw-b"))
                .as(Sessions.OnlineReply.class);
        assertThat(moved.replaced()).isEqualTo("gw-a");

        Sessions.RefreshReply refreshed = directory.send("POST", Sessions.REFRESH_PATH,
                new Sessions.Refresh("gw-a", List.of("u-contract"))).as(Sessions.RefreshReply.class);
        assertThat(refreshed.lost()).containsExactly("u-contract");
        assertThat(directory.send("POST", Sessions.REFRESH_PATH, new Sessions.Refresh("gw-b", List.of("u-contract")))
                .as(Sessions.RefreshReply.class).lost()).isEmpty();
    }
}
