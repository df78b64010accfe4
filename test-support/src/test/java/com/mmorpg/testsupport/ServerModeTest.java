package com.mmorpg.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerModeTest {

    @Test
    void autoPicksDockerOnlyWhenAnEngineAnswers() {
        assertThat(ServerMode.decide("auto", () -> true)).isEqualTo(ServerMode.DOCKER);
        assertThat(ServerMode.decide("auto", () -> false)).isEqualTo(ServerMode.EMBEDDED);
    }

    @Test
    void explicitChoiceSkipsTheProbe() {
        assertThat(ServerMode.decide("embedded", () -> { throw new AssertionError("probed"); }))
                .isEqualTo(ServerMode.EMBEDDED);
        assertThat(ServerMode.decide("docker", () -> false)).isEqualTo(ServerMode.DOCKER);
    }

    @Test
    void unknownChoiceIsAClearError() {
        assertThatThrownBy(() -> ServerMode.decide("podman", () -> false))
                .hasMessageContaining("auto, docker or embedded")
                .hasMessageContaining("podman");
    }
}
