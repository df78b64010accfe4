package com.mmorpg.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void listeningPortIsReachable() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServiceAddress address = new ServiceAddress("127.0.0.1", server.getLocalPort(), "test");

            assertThat(TcpProbe.unreachableReason(address, TIMEOUT)).isEmpty();
        }
    }

    @Test
    void closedPortIsReportedWithItsAddress() throws Exception {
        int freePort;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = server.getLocalPort();
        }
        ServiceAddress address = new ServiceAddress("127.0.0.1", freePort, "test");

        assertThat(TcpProbe.unreachableReason(address, TIMEOUT))
                .hasValueSatisfying(reason -> assertThat(reason).contains("127.0.0.1:" + freePort));
    }

    @Test
    void unknownHostIsReported() {
        ServiceAddress address = new ServiceAddress("no-such-host.invalid", 5432, "test");

        assertThat(TcpProbe.unreachableReason(address, TIMEOUT))
                .hasValueSatisfying(reason -> assertThat(reason).contains("no-such-host.invalid"));
    }

    @Test
    void oneOfSeveralHostsAnsweringIsEnoughAndNoneNamesEach() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        try (ServerSocket open = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServiceAddress down = new ServiceAddress("127.0.0.1", closed, "x");
            ServiceAddress up = new ServiceAddress("127.0.0.1", open.getLocalPort(), "x");

            assertThat(TcpProbe.unreachableReason(List.of(down, up), Duration.ofSeconds(2))).isEmpty();
            assertThat(TcpProbe.unreachableReason(List.of(down, down), Duration.ofSeconds(2)))
                    .hasValueSatisfying(reason -> assertThat(reason.split("; ")).hasSize(2));
        }
    }
}
