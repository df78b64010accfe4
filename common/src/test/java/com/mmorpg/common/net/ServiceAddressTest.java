package com.mmorpg.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServiceAddressTest {

    @Test
    void seedStylePostgresUrlGivesHostPortAndHidesPassword() {
        ServiceAddress address = ServiceAddress.parse("postgresql://mmo:s3cret@db.internal:6543/mmorpg?schema=public");

        assertThat(address.host()).isEqualTo("db.internal");
        assertThat(address.port()).isEqualTo(6543);
        assertThat(address.redactedUrl()).isEqualTo("postgresql://mmo:***@db.internal:6543/mmorpg?schema=public");
        assertThat(address.redactedUrl()).doesNotContain("s3cret");
    }

    @Test
    void jdbcUrlWithoutPortUsesPostgresDefault() {
        ServiceAddress address = ServiceAddress.parse("jdbc:postgresql://localhost/mmorpg?user=a&password=hunter2");

        assertThat(address.host()).isEqualTo("localhost");
        assertThat(address.port()).isEqualTo(5432);
        assertThat(address.redactedUrl()).doesNotContain("hunter2").contains("password=***");
    }

    @Test
    void redisUrlWithDatabaseIndex() {
        ServiceAddress address = ServiceAddress.parse("redis://cache:6380/3");

        assertThat(address).isEqualTo(new ServiceAddress("cache", 6380, "redis://cache:6380/3"));
        assertThat(ServiceAddress.parse("redis://cache").port()).isEqualTo(6379);
    }

    @Test
    void ipv6HostLosesItsBrackets() {
        assertThat(ServiceAddress.parse("redis://[::1]:6379").host()).isEqualTo("::1");
    }

    @Test
    void urlWithoutHostIsRejectedNamingTheRedactedUrl() {
        assertThatThrownBy(() -> ServiceAddress.parse("postgresql:///mmorpg"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no host");
        assertThatThrownBy(() -> ServiceAddress.parse("  "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceAddress.parse("ftp2://u:pw@host/x"))
                .hasMessageContaining("u:***@host")
                .hasMessageNotContaining("pw@");
    }

    @Test
    void failOverUrlsGiveEveryHostWithItsOwnOrTheDefaultPort() {
        assertThat(ServiceAddress.parseAll("jdbc:postgresql://db1:5433,db2,[fd00::7]:5434/mmorpg?targetServerType=primary"))
                .extracting(ServiceAddress::toString).containsExactly("db1:5433", "db2:5432", "fd00::7:5434");
        assertThat(ServiceAddress.parseAll("postgresql://mmo:s3cret@db1,db2:6000/mmorpg"))
                .extracting(ServiceAddress::toString).containsExactly("db1:5432", "db2:6000");
        assertThat(ServiceAddress.parseAll("postgresql://mmo:s3cret@db1,db2:6000/mmorpg").getFirst().redactedUrl())
                .doesNotContain("s3cret");
        assertThat(ServiceAddress.parseAll("redis://cache:6380/0")).extracting(ServiceAddress::toString).containsExactly("cache:6380");
    }

    @Test
    void nodeListsAsSpringWritesThem() {
        assertThat(ServiceAddress.parseHostAndPort("sentinel-1:26380", 26379, "x").toString()).isEqualTo("sentinel-1:26380");
        assertThat(ServiceAddress.parseHostAndPort("sentinel-2", 26379, "x").toString()).isEqualTo("sentinel-2:26379");
        assertThat(ServiceAddress.parseHostAndPort("[::1]:7000", 6379, "x").toString()).isEqualTo("::1:7000");
        assertThatThrownBy(() -> ServiceAddress.parseHostAndPort("db:abc", 1, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a port");
    }
}
