package com.mmorpg.bot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The map servers' tick histograms as {@code bot load} reads them from their {@code /metrics}: scraped, then a p99. */
final class TickHistograms {

    static final String TICK_DURATION = "mmo_map_tick_duration_seconds_bucket";
    static final String TICK_CPU = "mmo_map_tick_cpu_seconds_bucket";

    /** A map server's {@code /metrics} page, empty when it cannot be read (reported as n/a). */
    static String scrape(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** One of the map server's tick histograms: bucket upper bound (seconds) → cumulative count. */
    static Map<Double, Long> buckets(String metrics, String histogram) {
        Map<Double, Long> buckets = new java.util.TreeMap<>();
        Matcher m = Pattern.compile("(?m)^" + histogram + "\\{[^}]*le=\"([^\"]+)\"[^}]*\\} ([0-9.eE+-]+)$").matcher(metrics);
        while (m.find()) {
            double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
            buckets.put(le, (long) Double.parseDouble(m.group(2)));
        }
        return buckets;
    }

    /** p99 of the ticks between two scrapes, as the upper bound of the bucket that holds it. */
    static String p99(Map<Double, Long> before, Map<Double, Long> after) {
        if (after.isEmpty()) {
            return "n/a";
        }
        long total = after.getOrDefault(Double.POSITIVE_INFINITY, 0L) - before.getOrDefault(Double.POSITIVE_INFINITY, 0L);
        if (total <= 0) {
            return "n/a";
        }
        for (Map.Entry<Double, Long> bucket : after.entrySet()) {
            long count = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0L);
            if (count >= Math.ceil(total * 0.99)) {
                return bucket.getKey().isInfinite() ? "> max" : String.format(Locale.ROOT, "%.2f", bucket.getKey() * 1000);
            }
        }
        return "n/a";
    }

    private TickHistograms() {
    }
}
