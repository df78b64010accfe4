package com.mmorpg.mapserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MapServerArgumentsTest {

    @Test
    void seedCommandLineIsAccepted() {
        assertThat(MapServerArguments.parse(new String[] {"1", "4001"})).isEqualTo(new MapServerArguments(1, 4001));
    }

    @Test
    void wrongCountNonNumbersAndRangesAreRejectedWithAReason() {
        assertThatThrownBy(() -> MapServerArguments.parse(new String[] {"1"})).hasMessageContaining("expected 2 arguments");
        assertThatThrownBy(() -> MapServerArguments.parse(new String[] {"one", "4001"})).hasMessageContaining("map_id");
        assertThatThrownBy(() -> MapServerArguments.parse(new String[] {"1", "70000"})).hasMessageContaining("port must be 1-65535");
        assertThatThrownBy(() -> MapServerArguments.parse(new String[] {"0", "4001"})).hasMessageContaining("map_id must be 1 or more");
    }
}
