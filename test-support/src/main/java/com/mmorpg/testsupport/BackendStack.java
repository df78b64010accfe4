package com.mmorpg.testsupport;

import com.mmorpg.testsupport.tls.SelfSignedCertificate;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The three backend services as real processes from their packaged jars, on real PostgreSQL and
 * Redis (this JVM's test servers), each on a free port, for end-to-end tests. Map servers are added
 * with {@link #startMapServer}. {@link #close} stops map servers first (they save and deregister),
 * then the services.
 */
public final class BackendStack implements AutoCloseable {

    private final Map<ServiceProcess, Integer> opsPorts = new ConcurrentHashMap<>();

    /**
     * How the stack is started.
     *
     * @param environment extra variables given to every process (secrets, profiles)
     * @param tls when set, auth-service and world-directory serve HTTPS and the gateway WSS with this
     *     certificate, and every process trusts it for its calls to the others
     * @param database auth-service's database; null: a fresh one on the shared test server (a test that
     *     stops and starts PostgreSQL brings a server of its own)
     */
    public record Options(Map<String, String> environment, SelfSignedCertificate tls, PostgresDatabase database) {

        public static Options defaults() {
            return new Options(Map.of(), null, null);
        }

        public Options withEnvironment(Map<String, String> extra) {
            Map<String, String> merged = new HashMap<>(environment);
            merged.putAll(extra);
            return new Options(Map.copyOf(merged), tls, database);
        }

        public Options withTls(SelfSignedCertificate certificate) {
            return new Options(environment, certificate, database);
        }

        public Options withDatabase(PostgresDatabase own) {
            return new Options(environment, tls, own);
        }
    }

    private static final List<String> SERVICE_FLAGS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path root;
    private final Options options;
    private final HttpClient http;
    private final List<ServiceProcess> processes = new ArrayList<>();
    private final PostgresDatabase database;
    private final RedisDatabase redis;
    private final String authUrl;
    private final String worldUrl;
    private final int gatewayPort;
    private final ServiceProcess gateway;
    private final ServiceProcess auth;

    private BackendStack(Path root, String gatewayId, Options options) throws IOException, InterruptedException {
        this.root = root;
        this.options = options;
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        if (options.tls() != null) {
            client.sslContext(options.tls().trustingContext());
        }
        http = client.build();
        database = options.database() != null ? options.database() : TestPostgres.newDatabase();
        redis = TestRedis.newDatabase();
        int authPort = ServiceProcess.freePort();
        int worldPort = ServiceProcess.freePort();
        gatewayPort = ServiceProcess.freePort();
        String scheme = options.tls() == null ? "http" : "https";
        authUrl = scheme + "://127.0.0.1:" + authPort;
        worldUrl = scheme + "://127.0.0.1:" + worldPort;
        auth = startAuthService(authPort, Map.of());
        ServiceProcess world = start("world", "world-directory/target/world-directory.jar",
                Map.of("PORT", String.valueOf(worldPort), "REDIS_URL", redis.url(), "AUTH_SERVICE_URL", authUrl), SERVICE_FLAGS,
                List.of());
        gateway = startGateway(gatewayPort, gatewayId, Map.of());
        auth.awaitAnswer(authUrl + "/actuator/health", "\"UP\"", START_TIMEOUT, http);
        world.awaitAnswer(worldUrl + "/actuator/health", "\"UP\"", START_TIMEOUT, http);
        gateway.awaitAnswer(gatewayHttpUrl() + "/actuator/health", "\"UP\"", START_TIMEOUT, http);
    }

    /** Starts auth-service, world-directory and gateway-service and waits until all three are UP. */
    public static BackendStack start(Path root, String gatewayId) throws IOException, InterruptedException {
        return start(root, gatewayId, Options.defaults());
    }

    /**
     * As {@link #start(Path, String)} with {@code options}.
     *
     * @param root the repository root as seen from the test's module ({@code Path.of("..")})
     */
    public static BackendStack start(Path root, String gatewayId, Options options) throws IOException, InterruptedException {
        return new BackendStack(root, gatewayId, options);
    }

    /** A map server for {@code mapId}, wired to this stack; returns once it is registered with the directory. */
    public ServiceProcess startMapServer(int mapId) throws IOException, InterruptedException {
        return startMapServer(mapId, Map.of());
    }

    /** As {@link #startMapServer(int)} with {@code overrides} on top of the stack's environment. */
    public ServiceProcess startMapServer(int mapId, Map<String, String> overrides) throws IOException, InterruptedException {
        return startMapServer(mapId, ServiceProcess.freeTcpAndUdpPort(), overrides);
    }

    /** As {@link #startMapServer(int, Map)} on game port {@code port} (TCP and UDP), e.g. to restart a server in place. */
    public ServiceProcess startMapServer(int mapId, int port, Map<String, String> overrides)
            throws IOException, InterruptedException {
        int ops = ServiceProcess.freePort();
        // TICK_CPU off: on a small test machine a pinned tick thread would push every other process of the
        // stack, and the test, onto the remaining CPUs (a test about pinning says TICK_CPU itself).
        Map<String, String> env = new HashMap<>(Map.of("AUTH_SERVICE_URL", authUrl, "WORLD_DIRECTORY_URL", worldUrl,
                "OPS_PORT", String.valueOf(ops), "TICK_CPU", "off",
                "CONTENT_DIR", contentDir(), "REDIS_URL", redis.url())); // the gateway's Redis: parties, for loot
        env.putAll(overrides);
        int opsPort = Integer.parseInt(env.get("OPS_PORT"));
        ServiceProcess server = start("map-" + mapId, "map-server/target/map-server.jar", env, List.of("-Xmx256m"),
                List.of(String.valueOf(mapId), String.valueOf(port)))
                .awaitAnswer("http://127.0.0.1:" + opsPort + "/health", "\"registered\":true", START_TIMEOUT);
        opsPorts.put(server, opsPort);
        return server;
    }

    /** The ops port (health, {@code /metrics}) of a map server this stack started. */
    public int opsPortOf(ServiceProcess mapServer) {
        Integer port = opsPorts.get(mapServer);
        if (port == null) {
            throw new IllegalArgumentException("not a map server of this stack");
        }
        return port;
    }

    /**
     * One more auth-service on this stack's database with {@code overrides} (e.g. rotated secrets),
     * on {@code port}; not waited for.
     */
    public ServiceProcess startAuthService(int port, Map<String, String> overrides) throws IOException {
        Map<String, String> env = new HashMap<>(Map.of("PORT", String.valueOf(port), "DATABASE_URL", database.url(),
                "REDIS_URL", redis.url(), "BCRYPT_COST", "4", "CONTENT_DIR", contentDir()));
        env.putAll(overrides);
        return start("auth", "auth-service/target/auth-service.jar", env, SERVICE_FLAGS, List.of());
    }

    /** The content folder every server of the stack reads: the repository's {@code content/}, unless the options name another. */
    private String contentDir() {
        String chosen = options.environment().get("CONTENT_DIR");
        return chosen != null ? chosen : root.resolve("content").toAbsolutePath().normalize().toString();
    }

    /** One more gateway on this stack with {@code overrides} (e.g. rotated secrets), on {@code port}; not waited for. */
    public ServiceProcess startGateway(int port, String gatewayId, Map<String, String> overrides) throws IOException {
        Map<String, String> env = new HashMap<>(Map.of("GATEWAY_PORT", String.valueOf(port), "AUTH_SERVICE_URL", authUrl,
                "WORLD_DIRECTORY_URL", worldUrl, "GATEWAY_ID", gatewayId, "REDIS_URL", redis.url()));
        env.putAll(overrides);
        return start("gateway", "gateway-service/target/gateway-service.jar", env, SERVICE_FLAGS, List.of());
    }

    private ServiceProcess start(String name, String jar, Map<String, String> env, List<String> flags, List<String> args)
            throws IOException {
        Map<String, String> all = new HashMap<>(options.environment());
        if (options.tls() != null) {
            all.put("TLS_CERTIFICATE", options.tls().certificate().toString());
            all.put("TLS_PRIVATE_KEY", options.tls().privateKey().toString());
            all.put("TLS_TRUSTED_CERTIFICATES", options.tls().certificate().toString());
        }
        all.putAll(env);
        ServiceProcess process = ServiceProcess.start(name, root.resolve(jar), all, flags, args);
        processes.add(process);
        return process;
    }

    /** A client that trusts this stack's certificate (when it has one). */
    /** auth-service's database (audits read it). */
    public PostgresDatabase database() {
        return database;
    }

    public HttpClient http() {
        return http;
    }

    public String authUrl() {
        return authUrl;
    }

    public String worldUrl() {
        return worldUrl;
    }

    public int gatewayPort() {
        return gatewayPort;
    }

    /** {@code ws://127.0.0.1:<port>} or {@code wss://...} with TLS (append {@code /ws}). */
    public String gatewayUrl() {
        return (options.tls() == null ? "ws" : "wss") + "://127.0.0.1:" + gatewayPort;
    }

    private String gatewayHttpUrl() {
        return (options.tls() == null ? "http" : "https") + "://127.0.0.1:" + gatewayPort;
    }

    public ServiceProcess gateway() {
        return gateway;
    }

    public ServiceProcess auth() {
        return auth;
    }

    @Override
    public void close() {
        processes.reversed().forEach(ServiceProcess::close);
    }
}
