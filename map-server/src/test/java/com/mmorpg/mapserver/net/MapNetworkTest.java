package com.mmorpg.mapserver.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.esotericsoftware.kryonet.Client;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MapNetworkTest {

    @Test
    void clientConnectsOverTcpAndUdpOnOnePort() throws Exception {
        int port = freePort();
        try (MapNetwork network = MapNetwork.bind(port)) {
            Client client = new Client();
            client.start();
            try {
                client.connect(5_000, InetAddress.getLoopbackAddress(), port, port);

                assertThat(client.isConnected()).isTrue();
                await().atMost(Duration.ofSeconds(5)).until(() -> network.connectionCount() == 1);
            } finally {
                client.stop();
            }
        }
    }

    @Test
    void takenPortIsOneClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> MapNetwork.bind(port))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("port " + port + " is already in use");
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
