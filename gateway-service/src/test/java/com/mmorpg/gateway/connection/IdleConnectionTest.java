package com.mmorpg.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.gateway.DependencyStub;
import com.mmorpg.gateway.WsClient;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A short idle timeout and no pings: a silent connection is closed 1001 "Idle timeout". */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "gateway.idle-timeout=2s", "gateway.ping-interval=1h"})
class IdleConnectionTest {

    static final DependencyStub STUB;

    static {
        try {
            STUB = new DependencyStub();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void dependencies(DynamicPropertyRegistry registry) {
        registry.add("gateway.auth-service-url", STUB::url);
        registry.add("gateway.world-directory-url", STUB::url);
        com.mmorpg.testsupport.SpringTestServers.redis(registry);
    }

    @AfterAll
    static void stop() {
        STUB.close();
    }

    @LocalServerPort
    int port;

    @Test
    void silentConnectionIsClosed() {
        WsClient client = WsClient.connect(URI.create("ws://localhost:" + port + "/ws?token=" + GatewayProtocolTest.token("77")));
        assertThat(client.next().get("event").asString()).isEqualTo("welcome");

        WsClient.Close close = client.awaitClose();

        assertThat(close.code()).isEqualTo(1001);
        assertThat(close.reason()).isEqualTo("Idle timeout");
    }
}
