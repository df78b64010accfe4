package com.mmorpg.worlddirectory.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mmorpg.common.net.BackingServiceUnreachableException;
import com.mmorpg.worlddirectory.WorldDirectoryApplication;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class UnreachableRedisTest {

    @Test
    void startupFailsFastWithOneLineNamingTheUrl(CapturedOutput output) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "redis://:sekret@127.0.0.1:" + closedPort;

        assertThatThrownBy(() -> new SpringApplicationBuilder(WorldDirectoryApplication.class)
                .web(WebApplicationType.NONE)
                .properties("REDIS_URL=" + url)
                .run())
                .isInstanceOf(BackingServiceUnreachableException.class);

        assertThat(output.getAll())
                .contains("Cannot reach Redis at redis://:***@127.0.0.1:" + closedPort + " (REDIS_URL)")
                .doesNotContain("sekret")
                .doesNotContain("\tat ");
    }
}
