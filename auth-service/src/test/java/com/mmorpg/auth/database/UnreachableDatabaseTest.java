package com.mmorpg.auth.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mmorpg.auth.AuthServiceApplication;
import com.mmorpg.testsupport.RefusingPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class UnreachableDatabaseTest {

    @Test
    void startupFailsFastWithOneLineNamingTheUrl(CapturedOutput output) throws Exception {
        try (RefusingPort refusing = RefusingPort.reserve()) { // refused for the whole test: nobody else can take the port
            int closedPort = refusing.port();
            String url = "postgresql://mmo:hunter2@127.0.0.1:" + closedPort + "/mmorpg";
            long started = System.nanoTime();

            assertThatThrownBy(() -> new SpringApplicationBuilder(AuthServiceApplication.class)
                    .web(WebApplicationType.NONE)
                    .properties("DATABASE_URL=" + url)
                    .run())
                    .isInstanceOf(com.mmorpg.common.net.BackingServiceUnreachableException.class);

            assertThat(System.nanoTime() - started).isLessThan(30_000_000_000L);
            assertThat(output.getAll())
                    .contains("Cannot reach PostgreSQL at postgresql://mmo:***@127.0.0.1:" + closedPort + "/mmorpg (DATABASE_URL)")
                    .doesNotContain("hunter2")
                    .doesNotContain("\tat ")
                    .doesNotContain("HikariPool");
        }
    }
}
