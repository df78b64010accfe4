package com.mmorpg.auth.ratelimit;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;

/**
 * The key that limits count a client by: its IPv4 address, or the /64 network of its IPv6
 * address (one customer's allocation; a client rotating through its /64 stays one client).
 * IPv4-mapped IPv6 addresses count as their IPv4 address.
 */
public final class ClientAddress {

    private static final int MAX_KEY_LENGTH = 64;
    private static final String IPV6_LOOPBACK_KEY = key("::1");

    private ClientAddress() {
    }

    /** @param remoteAddr an address literal as the servlet container reports it (after trusted forwarding) */
    public static String key(String remoteAddr) {
        if (remoteAddr == null || remoteAddr.isBlank()) {
            return "unknown";
        }
        String literal = remoteAddr.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(literal);
        } catch (IllegalArgumentException e) {
            // Not an address literal (a container never reports one, but a name must not grow keys without bound).
            return "name:" + literal.substring(0, Math.min(literal.length(), MAX_KEY_LENGTH));
        }
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] bytes = ((Inet6Address) address).getAddress();
        return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
    }

    /** Whether a {@link #key} is of a loopback client (127.0.0.0/8 or ::1's network). */
    public static boolean isLoopbackKey(String key) {
        return key.startsWith("127.") || key.equals(IPV6_LOOPBACK_KEY);
    }
}
