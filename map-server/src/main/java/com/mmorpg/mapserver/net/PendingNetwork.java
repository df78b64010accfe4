package com.mmorpg.mapserver.net;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * The network an address belongs to for the pending-connection caps: its IPv4 /24 or its IPv6 /64.
 * One IPv6 host is given a whole /64, and one hoster's IPv4 addresses come in blocks, so a cap per
 * exact address alone lets one sender take every pending slot.
 */
record PendingNetwork(boolean ipv6, long prefix) {

    static PendingNetwork of(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return new PendingNetwork(false, (bytes[0] & 0xFFL) << 16 | (bytes[1] & 0xFFL) << 8 | bytes[2] & 0xFFL);
        }
        long prefix = 0;
        for (int i = 0; i < 8; i++) {
            prefix = prefix << 8 | bytes[i] & 0xFFL;
        }
        return new PendingNetwork(true, prefix);
    }
}
