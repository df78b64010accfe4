package com.mmorpg.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A packaged service running as a real process (as start-dev.sh runs it), for end-to-end tests
 * and benchmarks: started with its environment, output to a log file, stopped with SIGTERM.
 */
public final class ServiceProcess implements AutoCloseable {

    /** Processes started and not yet closed: stopped when this JVM exits however it exits (a killed benchmark too). */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroy), "service-processes-stop"));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java -jar jar} with {@code environment}; JVM flags may be added with {@code jvmFlags}. */
    public static ServiceProcess start(String name, Path jar, Map<String, String> environment, List<String> jvmFlags)
            throws IOException {
        return start(name, jar, environment, jvmFlags, List.of());
    }

    /**
     * Starts {@code java -jar jar args...} (a map server takes its map id and port); with {@link FastStart} on,
     * from the jar's extracted layout and with an AOT cache, as the integration tests do.
     */
    public static ServiceProcess start(String name, Path jar, Map<String, String> environment, List<String> jvmFlags,
            List<String> args) throws IOException {
        PackagedJar.fresh(jar);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("--sun-misc-unsafe-memory-access=allow");
        command.addAll(jvmFlags);
        command.addAll(FastStart.launch(java, jar, environment, jvmFlags));
        command.addAll(args);
        Path log = Files.createTempFile(name, ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Every server reads the content folder: the repository's, beside the jar's module, unless said
        // (benchmarks start services from JVMs that surefire did not give CONTENT_DIR).
        builder.environment().putIfAbsent("CONTENT_DIR",
                jar.toAbsolutePath().normalize().getParent().getParent().resolveSibling("content").toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        LIVE.add(process);
        process.onExit().thenAccept(LIVE::remove);
        return new ServiceProcess(name, process, log);
    }

    /** Polls {@code /actuator/health} until it says UP; fails with the end of the log otherwise. */
    public ServiceProcess awaitHealthy(String baseUrl, Duration timeout) throws IOException, InterruptedException {
        return awaitAnswer(baseUrl + "/actuator/health", "\"UP\"", timeout);
    }

    /** Polls {@code url} until it answers 200 with {@code expected} in the body; fails with the end of the log otherwise. */
    public ServiceProcess awaitAnswer(String url, String expected, Duration timeout) throws IOException, InterruptedException {
        return awaitAnswer(url, expected, timeout, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
    }

    /** As {@link #awaitAnswer(String, String, Duration)} through {@code http} (e.g. one trusting a test certificate). */
    public ServiceProcess awaitAnswer(String url, String expected, Duration timeout, HttpClient http)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains(expected)) {
                    return this;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not healthy within " + timeout + ":\n" + tail());
    }

    /** Waits for the process to end by itself (e.g. refusing its configuration); its exit code, or empty on timeout. */
    public java.util.OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
    }

    public long pid() {
        return process.pid();
    }

    /** Resident set size of the process in bytes (Linux), or -1. */
    public long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    public String logText() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL: the process dies at once, with no shutdown hook (a crash, an OOM kill). */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait: true when the process exited within {@code timeout}. */
    public boolean terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // the log stays behind in the temp folder
        }
    }

    /** A free loopback TCP port. */
    public static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A port free for both TCP and UDP (a map server binds both on one port). */
    public static int freeTcpAndUdpPort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (java.net.ServerSocket tcp = new java.net.ServerSocket(0);
                    java.net.DatagramSocket udp = new java.net.DatagramSocket(tcp.getLocalPort())) {
                return udp.getLocalPort();
            } catch (java.net.BindException e) {
                // the UDP side of that port is taken: try another
            }
        }
        throw new IOException("no port free for both TCP and UDP after 50 tries");
    }
}
