package com.mmorpg.mapserver.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class PendingNetworkTest {

    @Test
    void addressesOfOneIpv4SlashTwentyFourOrOneIpv6SlashSixtyFourAreOneNetwork() throws Exception {
        assertThat(of("203.0.113.7")).isEqualTo(of("203.0.113.250")).isNotEqualTo(of("203.0.114.7"));
        assertThat(of("2001:db8:1:2::1")).isEqualTo(of("2001:db8:1:2:ffff:ffff:ffff:ffff"))
                .isNotEqualTo(of("2001:db8:1:3::1"));
        assertThat(of("::ffff:203.0.113.7")).as("an IPv4-mapped address is its IPv4 network").isEqualTo(of("203.0.113.9"));
        assertThat(of("0:0:0:0:cb00:7100::")).isNotEqualTo(of("203.0.113.0"));
    }

    @Test
    void aNetworksCapIsNeverBelowOneAddresss() {
        MapNetwork.PendingCaps caps = new MapNetwork.PendingCaps(100_000, 64, 32, 1024);
        assertThat(caps.perNetwork(false)).isEqualTo(100_000);
        MapNetwork.PendingCaps defaults = new MapNetwork.PendingCaps(16, 64, 32, 1024);
        assertThat(defaults.perNetwork(false)).isEqualTo(64);
        assertThat(defaults.perNetwork(true)).isEqualTo(32);
    }

    private static PendingNetwork of(String address) throws Exception {
        return PendingNetwork.of(InetAddress.getByName(address));
    }
}
