package com.mmorpg.worlddirectory.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mmorpg.common.net.BackingServiceUnreachableException;
import com.mmorpg.testsupport.RefusingPort;
import com.mmorpg.worlddirectory.WorldDirectoryApplication;
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
        try (RefusingPort refusing = RefusingPort.reserve()) { // refused for the whole test: nobody else can take the port
            int closedPort = refusing.port();
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
}
