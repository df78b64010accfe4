package com.mmorpg.auth.database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code DATABASE_URL} in either form the project accepts: the seed's
 * {@code postgresql://user:pass@host:port/db?options} (Prisma/libpq style) or a JDBC URL, turned
 * into what the JDBC driver wants. Credentials in the seed form move out of the URL.
 */
record DatabaseUrl(String jdbcUrl, String username, String password) {

    static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("DATABASE_URL is empty");
        }
        String value = url.strip();
        if (value.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return new DatabaseUrl(value, null, null);
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("DATABASE_URL is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
            throw new IllegalArgumentException("DATABASE_URL must start with postgresql://, postgres:// or jdbc:postgresql://");
        }
        // The authority may list several hosts for fail-over (postgresql://user@db1:5432,db2:5432/mmorpg),
        // which java.net.URI does not take apart: split it here.
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? null : authority.substring(0, at);
        String hosts = authority.substring(at + 1);
        if (hosts.isBlank() || hosts.startsWith(":")) {
            throw new IllegalArgumentException("DATABASE_URL has no host");
        }
        String username = null;
        String password = null;
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(hosts);
        String path = uri.getRawPath();
        jdbc.append(path == null || path.isEmpty() ? "/postgres" : path);
        String query = withoutPrismaOnlyOptions(uri.getRawQuery());
        if (!query.isEmpty()) {
            jdbc.append('?').append(query);
        }
        return new DatabaseUrl(jdbc.toString(), username, password);
    }

    /** Prisma's {@code schema=} means the JDBC {@code currentSchema=}; {@code connection_limit} has no JDBC twin. */
    private static String withoutPrismaOnlyOptions(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        for (String option : query.split("&")) {
            String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
            String mapped = switch (name) {
                case "schema" -> "currentSchema" + option.substring(name.length());
                case "connection_limit", "pool_timeout" -> null;
                default -> option;
            };
            if (mapped != null) {
                kept.append(kept.isEmpty() ? "" : "&").append(mapped);
            }
        }
        return kept.toString();
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
