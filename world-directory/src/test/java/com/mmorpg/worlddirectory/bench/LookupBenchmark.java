package com.mmorpg.worlddirectory.bench;

import com.mmorpg.testsupport.RedisDatabase;
import com.mmorpg.testsupport.TestRedis;
import com.mmorpg.worlddirectory.WorldDirectoryApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Not a test: {@code GET /map-registry/map/{id}} with 3 registered servers (load from wrk) side by
 * side with raw {@code GET} throughput of the same Redis (redis-benchmark), in the same run. Run
 * with {@code bench/world.sh}; both tools must be on the PATH (the script installs them).
 */
public final class LookupBenchmark {

    private static final String KEY = "dev-only-internal-api-key-0123456789abcdef";

    record Figures(double perSecond, double p50Millis, double p99Millis) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(System.getProperty("bench.seconds", "10"));
        int rounds = Integer.parseInt(System.getProperty("bench.rounds", "5"));
        int connections = Integer.parseInt(System.getProperty("bench.connections", "32"));
        RedisDatabase redis = TestRedis.newDatabase();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(WorldDirectoryApplication.class)
                .properties("REDIS_URL=" + redis.url(), "PORT=0", "logging.level.com.mmorpg=WARN")
                .run()) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            HttpClient http = HttpClient.newHttpClient();
            for (String suffix : new String[] {"a", "b", "c"}) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/map-registry/register"))
                        .header("X-Internal-Key", KEY).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"map-server-1" + suffix
                                + "\",\"ip\":\"127.0.0.1\",\"port\":4001,\"supported_maps\":[1],\"max_players\":1000}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("register failed: " + r.body());
                }
            }
            // A long TTL for the run: the benchmark must not watch the servers expire.
            for (String suffix : new String[] {"a", "b", "c"}) {
                run("redis-cli", "-h", redis.host(), "-p", String.valueOf(redis.port()), "-n", String.valueOf(redis.index()),
                        "EXPIRE", "map-server-1" + suffix, "3600");
            }
            run("redis-cli", "-h", redis.host(), "-p", String.valueOf(redis.port()), "SET", "bench:key", "x".repeat(200));

            String url = "http://127.0.0.1:" + port + "/map-registry/map/1";
            System.out.printf(Locale.ROOT, "machine: %d cores, %s; %ds x %d rounds, %d connections, median reported%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"), seconds, rounds, connections);
            wrk(url, connections, 20); // JIT warm-up
            List<Figures> lookups = new ArrayList<>();
            List<Figures> raws = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                lookups.add(wrk(url, connections, seconds));
                raws.add(redisBenchmark(redis, connections));
            }
            Figures lookup = median(lookups);
            Figures raw = median(raws);
            System.out.printf(Locale.ROOT, "%-48s %10.1f /s   p50 %6.2f ms   p99 %6.2f ms%n",
                    "GET /map-registry/map/1 (3 servers, wrk)", lookup.perSecond(), lookup.p50Millis(), lookup.p99Millis());
            System.out.printf(Locale.ROOT, "%-48s %10.1f /s   p50 %6.2f ms   p99 %6.2f ms%n",
                    "raw Redis GET (redis-benchmark)", raw.perSecond(), raw.p50Millis(), raw.p99Millis());
            System.out.printf(Locale.ROOT, "lookup / raw Redis GET ratio: %.3f%n", lookup.perSecond() / raw.perSecond());
        }
    }

    static Figures wrk(String url, int connections, int seconds) throws Exception {
        String out = run("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "-H", "X-Internal-Key: " + KEY, url);
        if (out.contains("Non-2xx")) {
            throw new IllegalStateException("lookups failed:\n" + out);
        }
        return new Figures(Double.parseDouble(find(out, "Requests/sec:\\s+([0-9.]+)")),
                wrkMillis(find(out, "\\s50%\\s+([0-9.]+[a-z]+)")), wrkMillis(find(out, "\\s99%\\s+([0-9.]+[a-z]+)")));
    }

    static Figures redisBenchmark(RedisDatabase redis, int connections) throws Exception {
        String out = run("redis-benchmark", "-h", redis.host(), "-p", String.valueOf(redis.port()), "-c",
                String.valueOf(connections), "-n", "200000", "-t", "get", "-d", "200", "--csv");
        // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
        for (String line : out.split("\n")) {
            if (line.startsWith("\"GET\"")) {
                String[] cells = line.replace("\"", "").split(",");
                return new Figures(Double.parseDouble(cells[1]), Double.parseDouble(cells[4]), Double.parseDouble(cells[6]));
            }
        }
        throw new IllegalStateException("unexpected redis-benchmark output:\n" + out);
    }

    static Figures median(List<Figures> all) {
        List<Figures> sorted = new ArrayList<>(all);
        sorted.sort((a, b) -> Double.compare(a.perSecond(), b.perSecond()));
        return sorted.get(sorted.size() / 2);
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return out;
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected output:\n" + text);
        }
        return matcher.group(1);
    }

    private static double wrkMillis(String value) {
        double number = Double.parseDouble(value.replaceAll("[a-z]+$", ""));
        return value.endsWith("us") ? number / 1000 : value.endsWith("ms") ? number : number * 1000;
    }
}
