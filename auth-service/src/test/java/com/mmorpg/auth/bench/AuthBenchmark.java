package com.mmorpg.auth.bench;

import com.mmorpg.auth.AuthServiceApplication;
import com.mmorpg.testsupport.PostgresDatabase;
import com.mmorpg.testsupport.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not a test: measures what issue #3 asks for and prints it. Run with {@code bench/auth.sh}.
 * <ol>
 *   <li>raw bcrypt verifications/s on all cores (the ceiling for logins);</li>
 *   <li>{@code POST /auth/login} throughput and latency with N concurrent clients, over real HTTP
 *       against the real service and PostgreSQL, and its ratio to raw bcrypt;</li>
 *   <li>{@code GET /characters} with a valid JWT: requests/s and latency.</li>
 * </ol>
 * Each phase runs {@code rounds} times; the median round is reported.
 */
public final class AuthBenchmark {

    private static final int BCRYPT_COST = 10;
    private static final String PASSWORD = "correct-horse-battery";

    record Round(double perSecond, double p50Millis, double p99Millis, long errors) {
    }

    public static void main(String[] args) throws Exception {
        Duration phase = Duration.ofSeconds(Long.parseLong(System.getProperty("bench.seconds", "10")));
        int rounds = Integer.parseInt(System.getProperty("bench.rounds", "5"));
        int loginClients = Integer.parseInt(System.getProperty("bench.loginClients", "16"));
        int readClients = Integer.parseInt(System.getProperty("bench.readClients", "32"));
        int cores = Runtime.getRuntime().availableProcessors();

        PostgresDatabase database = TestPostgres.newDatabase();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(AuthServiceApplication.class)
                // Default properties fill the ${ENV:default} placeholders of application.yml.
                .properties("DATABASE_URL=" + database.url(), "PORT=0", "BCRYPT_COST=" + BCRYPT_COST,
                        "LOGIN_RATE_PER_IP=100000000", "REGISTER_RATE_PER_IP=100000000",
                        "LOGIN_LOCKOUT_FAILURES=1000000", "logging.level.com.mmorpg=WARN")
                .run()) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            String base = "http://127.0.0.1:" + port;
            HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();

            List<String> users = new ArrayList<>();
            String token = null;
            for (int i = 0; i < loginClients; i++) {
                String user = "bench" + i;
                HttpResponse<String> r = post(http, base + "/auth/register", credentials(user));
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("register failed: " + r.statusCode() + " " + r.body());
                }
                token = JsonMapper.builder().build().readTree(r.body()).get("access_token").asString();
                users.add(user);
            }
            String bearer = token;
            for (int i = 0; i < 3; i++) {
                post(http, base + "/characters", "{\"name\":\"Bench" + i + "\",\"class_id\":\"" + (i + 1) + "\"}", bearer);
            }

            System.out.printf(Locale.ROOT, "machine: %d cores, %s; phase %ds x %d rounds, median reported%n",
                    cores, System.getProperty("java.vm.version"), phase.toSeconds(), rounds);

            BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(BCRYPT_COST);
            String hash = encoder.encode(PASSWORD);
            Work rawOnce = worker -> encoder.matches(PASSWORD, hash);
            Work loginOnce = worker -> send(http, HttpRequest.newBuilder(URI.create(base + "/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(credentials(users.get(worker)))).build()) == 200;
            closedLoop(cores, Duration.ofSeconds(5), rawOnce);                     // JIT warm-up of bcrypt
            closedLoop(loginClients, Duration.ofSeconds(Long.parseLong(System.getProperty("bench.warmup", "30"))), loginOnce); // and of the login path
            // Interleaved rounds, so drift of the machine (frequency, neighbours) hits both alike.
            List<Round> raws = new ArrayList<>();
            List<Round> logins = new ArrayList<>();
            double busy = 0;
            for (int i = 0; i < rounds; i++) {
                raws.add(closedLoop(cores, phase, rawOnce));
                long cpuBefore = bcryptWorkerCpuNanos();
                long wallBefore = System.nanoTime();
                logins.add(closedLoop(loginClients, phase, loginOnce));
                busy += (bcryptWorkerCpuNanos() - cpuBefore) / (double) ((System.nanoTime() - wallBefore) * cores);
            }
            Round raw = median(raws);
            Round login = median(logins);
            print("raw bcrypt verify (cost " + BCRYPT_COST + ", " + cores + " threads)", raw);
            print("POST /auth/login (" + loginClients + " clients)", login);
            System.out.printf(Locale.ROOT, "login / raw bcrypt ratio: %.2f (target >= 0.85)%n", login.perSecond() / raw.perSecond());
            System.out.printf(Locale.ROOT, "server bcrypt workers were on CPU %.0f%% of the login rounds%n", 100 * busy / rounds);

            Round reads = readCharacters(http, base, bearer, readClients, phase, rounds);
            print("GET /characters (" + readClients + " connections)", reads);
            System.out.printf(Locale.ROOT, "GET /characters vs target 3000/s: %.2fx%n", reads.perSecond() / 3000);
        }
    }

    /**
     * With wrk (a C load generator, as in production load tests) when it is on the PATH: the JDK
     * HTTP client in this JVM costs more CPU per request than the endpoint itself, so on two cores
     * it would measure the client. Without wrk the JDK client is used and the figure is a floor.
     * The JIT needs a while on the hot path: 20 s of warm-up come first.
     */
    static Round readCharacters(HttpClient http, String base, String bearer, int connections, Duration phase, int rounds)
            throws Exception {
        if (onPath("wrk")) {
            System.out.println("load generator: wrk -t2 -c" + connections);
            wrk(base + "/characters", bearer, connections, Duration.ofSeconds(20));
            return median(rounds, () -> wrk(base + "/characters", bearer, connections, phase));
        }
        System.out.println("load generator: JDK HttpClient in this JVM (install wrk for a truer figure)");
        HttpRequest list = HttpRequest.newBuilder(URI.create(base + "/characters"))
                .header("Authorization", "Bearer " + bearer).GET().build();
        closedLoop(connections, Duration.ofSeconds(20), worker -> send(http, list) == 200);
        return median(rounds, () -> closedLoop(connections, phase, worker -> send(http, list) == 200));
    }

    /** CPU time used so far by the service's bcrypt pool threads ({@code bcrypt-N}). */
    static long bcryptWorkerCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("bcrypt-")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    static Round wrk(String url, String bearer, int connections, Duration duration) throws Exception {
        Process process = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s",
                "--latency", "-H", "Authorization: Bearer " + bearer, url).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        double perSecond = Double.parseDouble(find(output, "Requests/sec:\\s+([0-9.]+)"));
        long errors = output.contains("Non-2xx") ? Long.parseLong(find(output, "Non-2xx or 3xx responses:\\s+([0-9]+)")) : 0;
        return new Round(perSecond, millis(find(output, "\\s50%\\s+([0-9.]+[a-z]+)")),
                millis(find(output, "\\s99%\\s+([0-9.]+[a-z]+)")), errors);
    }

    private static String find(String text, String regex) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(regex).matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected wrk output:\n" + text);
        }
        return matcher.group(1);
    }

    private static double millis(String wrkDuration) {
        double value = Double.parseDouble(wrkDuration.replaceAll("[a-z]+$", ""));
        if (wrkDuration.endsWith("us")) {
            return value / 1000;
        }
        if (wrkDuration.endsWith("ms")) {
            return value;
        }
        return value * 1000;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    interface Work {
        boolean run(int worker) throws Exception;
    }

    interface RoundSupplier {
        Round get() throws Exception;
    }

    /** Each worker repeats {@code work} back to back for {@code duration}; latencies of every call are kept. */
    static Round closedLoop(int workers, Duration duration, Work work) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong errors = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[workers];
        CountDownLatch done = new CountDownLatch(workers);
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            for (int w = 0; w < workers; w++) {
                long[] mine = new long[2_000_000];
                latencies.add(mine);
                int worker = w;
                pool.submit(() -> {
                    try {
                        while (System.nanoTime() < end && counts[worker] < mine.length) {
                            long t0 = System.nanoTime();
                            boolean ok;
                            try {
                                ok = work.run(worker);
                            } catch (Exception e) {
                                ok = false;
                            }
                            mine[counts[worker]++] = System.nanoTime() - t0;
                            if (!ok) {
                                errors.incrementAndGet();
                            }
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int w = 0; w < workers; w++) {
            System.arraycopy(latencies.get(w), 0, all, at, counts[w]);
            at += counts[w];
        }
        Arrays.sort(all);
        return new Round((total - errors.get()) / seconds, percentile(all, 0.50), percentile(all, 0.99), errors.get());
    }

    static Round median(int rounds, RoundSupplier supplier) throws Exception {
        List<Round> all = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            all.add(supplier.get());
        }
        return median(all);
    }

    static Round median(List<Round> rounds) {
        List<Round> all = new ArrayList<>(rounds);
        all.sort((a, b) -> Double.compare(a.perSecond(), b.perSecond()));
        return all.get(all.size() / 2);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static void print(String what, Round round) {
        System.out.printf(Locale.ROOT, "%-44s %9.1f /s   p50 %7.2f ms   p99 %7.2f ms   errors %d%n",
                what, round.perSecond(), round.p50Millis(), round.p99Millis(), round.errors());
    }

    private static String credentials(String user) {
        return "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    private static HttpResponse<String> post(HttpClient http, String url, String json, String... bearer) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json");
        if (bearer.length > 0) {
            builder.header("Authorization", "Bearer " + bearer[0]);
        }
        return http.send(builder.POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int send(HttpClient http, HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

}
