package com.mmorpg.common.net;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Host and port of a backing service taken from the URL a service was configured with
 * ({@code postgresql://user:secret@db:5432/mmorpg}, {@code jdbc:postgresql://db/mmorpg},
 * {@code redis://cache:6379/0}, {@code http://localhost:3001}).
 *
 * <p>{@link #redactedUrl()} is the URL safe to print: the password is replaced by {@code ***}.
 */
public record ServiceAddress(String host, int port, String redactedUrl) {

    private static final Map<String, Integer> DEFAULT_PORTS = Map.of(
            "postgresql", 5432,
            "postgres", 5432,
            "redis", 6379,
            "rediss", 6379,
            "http", 80,
            "https", 443,
            "ws", 80,
            "wss", 443);

    public ServiceAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * Parses a service URL. A {@code jdbc:} prefix is ignored. Throws
     * {@link IllegalArgumentException} naming the (redacted) URL when it has no host.
     */
    public static ServiceAddress parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("URL is empty");
        }
        String trimmed = url.strip();
        String withoutJdbc = trimmed.regionMatches(true, 0, "jdbc:", 0, 5) ? trimmed.substring(5) : trimmed;
        String redacted = redact(trimmed);
        URI uri;
        try {
            uri = new URI(withoutJdbc);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + redacted);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("URL has no host: " + redacted);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort();
        if (port == -1) {
            Integer known = DEFAULT_PORTS.get(scheme);
            if (known == null) {
                throw new IllegalArgumentException("URL has no port and scheme '" + scheme + "' has no default: " + redacted);
            }
            port = known;
        }
        return new ServiceAddress(host, port, redacted);
    }

    /**
     * Every host of a URL that may name several, as PostgreSQL's drivers accept for fail-over
     * ({@code jdbc:postgresql://db1:5432,db2:5432/mmorpg?targetServerType=primary},
     * {@code postgresql://user:secret@db1,db2:5433/mmorpg}); a one-host URL gives one address.
     * Hosts without a port take the scheme's default.
     */
    public static List<ServiceAddress> parseAll(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("URL is empty");
        }
        String trimmed = url.strip();
        String withoutJdbc = trimmed.regionMatches(true, 0, "jdbc:", 0, 5) ? trimmed.substring(5) : trimmed;
        String redacted = redact(trimmed);
        int schemeEnd = withoutJdbc.indexOf("://");
        if (schemeEnd < 0 || withoutJdbc.indexOf(',') < 0) {
            return List.of(parse(url));
        }
        String scheme = withoutJdbc.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String rest = withoutJdbc.substring(schemeEnd + 3);
        int authorityEnd = rest.length();
        for (char end : new char[] {'/', '?', '#'}) {
            int at = rest.indexOf(end);
            if (at >= 0 && at < authorityEnd) {
                authorityEnd = at;
            }
        }
        String authority = rest.substring(0, authorityEnd);
        String hosts = authority.substring(authority.lastIndexOf('@') + 1);
        List<ServiceAddress> addresses = new ArrayList<>();
        for (String host : hosts.split(",")) {
            addresses.add(parseHostAndPort(host.strip(), DEFAULT_PORTS.get(scheme), redacted));
        }
        return List.copyOf(addresses);
    }

    /**
     * {@code host:port}, {@code [v6]:port} or, with a default port, a bare host; as Spring lists
     * Redis Sentinel and Cluster nodes ({@code spring.data.redis.sentinel.nodes}).
     */
    public static ServiceAddress parseHostAndPort(String hostAndPort, Integer defaultPort, String shown) {
        String host = hostAndPort;
        String port = null;
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("not a host: " + hostAndPort + " in " + shown);
            }
            host = hostAndPort.substring(1, close);
            port = hostAndPort.length() > close + 2 && hostAndPort.charAt(close + 1) == ':' ? hostAndPort.substring(close + 2) : null;
        } else if (hostAndPort.indexOf(':') >= 0 && hostAndPort.indexOf(':') == hostAndPort.lastIndexOf(':')) {
            host = hostAndPort.substring(0, hostAndPort.indexOf(':'));
            port = hostAndPort.substring(hostAndPort.indexOf(':') + 1);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("URL has an empty host: " + shown);
        }
        int number;
        if (port == null || port.isEmpty()) {
            if (defaultPort == null) {
                throw new IllegalArgumentException("no port for " + host + " in " + shown);
            }
            number = defaultPort;
        } else {
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a port: " + port + " in " + shown);
            }
        }
        return new ServiceAddress(host, number, shown);
    }

    /** The URL with the password of its user-info (if any) replaced by {@code ***}. */
    public static String redact(String url) {
        if (url == null) {
            return "";
        }
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return url;
        }
        int authorityStart = schemeEnd + 3;
        int at = url.indexOf('@', authorityStart);
        int slash = url.indexOf('/', authorityStart);
        if (at < 0 || (slash >= 0 && slash < at)) {
            return redactQueryPassword(url);
        }
        int colon = url.indexOf(':', authorityStart);
        if (colon < 0 || colon > at) {
            return redactQueryPassword(url);
        }
        return redactQueryPassword(url.substring(0, colon + 1) + "***" + url.substring(at));
    }

    private static String redactQueryPassword(String url) {
        return url.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
