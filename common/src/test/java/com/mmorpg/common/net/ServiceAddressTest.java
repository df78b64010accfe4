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
}
