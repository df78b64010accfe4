package com.mmorpg.common.net;

import java.net.URI;
import java.net.URISyntaxException;
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
