package com.mmorpg.mapserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MapServerConfigTest {

    @Test
    void tickCpuIsAutoUnlessToldOtherwiseAndInterestUsesUpToTwoWorkers() {
        MapServerConfig config = MapServerConfig.from(1, 4001, Map.of());

        assertThat(config.tickCpu()).isEqualTo("auto");
        assertThat(config.tickCpuLockDir()).isEqualTo(com.mmorpg.mapserver.runtime.CpuReservation.defaultLockDirectory());
        assertThat(MapServerConfig.from(1, 4001, Map.of("TICK_CPU_LOCK_DIR", "/run/mmorpg")).tickCpuLockDir())
                .isEqualTo(java.nio.file.Path.of("/run/mmorpg"));
        assertThat(config.interestThreads()).isEqualTo(Math.min(2, Runtime.getRuntime().availableProcessors()));
        assertThat(MapServerConfig.from(1, 4001, Map.of("TICK_CPU", "off")).tickCpu()).isEqualTo("off");
        assertThat(MapServerConfig.from(1, 4001, Map.of("TICK_CPU", " 3 ")).tickCpu()).isEqualTo("3");
    }

    @Test
    void theContentFolderIsContentBesideTheProcessUnlessContentDirSaysOtherwise() {
        assertThat(MapServerConfig.from(1, 4001, Map.of()).contentDir()).isEqualTo(java.nio.file.Path.of("content"));
        assertThat(MapServerConfig.from(1, 4001, Map.of("CONTENT_DIR", " /srv/world ")).contentDir())
                .isEqualTo(java.nio.file.Path.of("/srv/world"));
    }

    @Test
    void partiesAreReadFromRedisOnlyWhenRedisUrlNamesOne() {
        assertThat(MapServerConfig.from(1, 4001, Map.of()).redisUrl()).as("loot for the killer alone").isEmpty();
        MapServerConfig config = MapServerConfig.from(1, 4001, Map.of("REDIS_URL", "redis://:secret@redis:6379",
                "PARTY_REFRESH_INTERVAL", "5s"));
        assertThat(config.redisUrl()).isEqualTo("redis://:secret@redis:6379");
        assertThat(config.partyRefreshInterval()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThatThrownBy(() -> MapServerConfig.from(1, 4001, Map.of("REDIS_URL", "localhost:6379")))
                .hasMessageContaining("REDIS_URL must be redis://host:port");
    }

    @Test
    void aTickCpuThatIsNeitherOffAutoNorACpuNumberStopsTheStartWithItsName() {
        for (String bad : new String[] {"fast", "-1", "1024", "0x1", "99999999999"}) {
            assertThatThrownBy(() -> MapServerConfig.from(1, 4001, Map.of("TICK_CPU", bad)))
                    .as(bad).hasMessageContaining("TICK_CPU must be off, auto or a CPU number 0-1023");
        }
    }

    @Test
    void pendingConnectionsAreCappedPerNetworkUnlessToldOtherwise() {
        MapServerConfig config = MapServerConfig.from(1, 4001, Map.of());
        assertThat(config.pendingPerAddress()).isEqualTo(16);
        assertThat(config.pendingPerIpv4Network()).isEqualTo(64);
        assertThat(config.pendingPerIpv6Network()).isEqualTo(64);
        assertThat(config.pendingTotal()).isEqualTo(1024);
        MapServerConfig set = MapServerConfig.from(1, 4001, Map.of("PENDING_PER_IPV4_NETWORK", "200", "PENDING_PER_IPV6_NETWORK", "32"));
        assertThat(set.pendingPerIpv4Network()).isEqualTo(200);
        assertThat(set.pendingPerIpv6Network()).isEqualTo(32);
        assertThatThrownBy(() -> MapServerConfig.from(1, 4001, Map.of("PENDING_PER_IPV6_NETWORK", "0")))
                .hasMessageContaining("PENDING_PER_IPV6_NETWORK must be a whole number");
    }
}
