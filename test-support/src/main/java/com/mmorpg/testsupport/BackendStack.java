package com.mmorpg.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The three backend services as real processes from their packaged jars, on real PostgreSQL and
 * Redis (this JVM's test servers), each on a free port, for end-to-end tests. Map servers are added
 * with {@link #startMapServer}. {@link #close} stops map servers first (they save and deregister),
 * then the services.
 *
 * @param root the repository root as seen from the test's module ({@code Path.of("..")})
 */
public final class BackendStack implements AutoCloseable {

    private static final List<String> SERVICE_FLAGS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path root;
    private final List<ServiceProcess> processes = new ArrayList<>();
    private final String authUrl;
    private final String worldUrl;
    private final int gatewayPort;
    private final ServiceProcess gateway;

    private BackendStack(Path root, String gatewayId) throws IOException, InterruptedException {
        this.root = root;
        PostgresDatabase database = TestPostgres.newDatabase();
        RedisDatabase redis = TestRedis.newDatabase();
        int authPort = ServiceProcess.freePort();
        int worldPort = ServiceProcess.freePort();
        gatewayPort = ServiceProcess.freePort();
        authUrl = "http://127.0.0.1:" + authPort;
        worldUrl = "http://127.0.0.1:" + worldPort;
        ServiceProcess auth = start("auth", "auth-service/target/auth-service.jar",
                Map.of("PORT", String.valueOf(authPort), "DATABASE_URL", database.url(), "BCRYPT_COST", "4"), SERVICE_FLAGS,
                List.of());
        ServiceProcess world = start("world", "world-directory/target/world-directory.jar",
                Map.of("PORT", String.valueOf(worldPort), "REDIS_URL", redis.url()), SERVICE_FLAGS, List.of());
        gateway = start("gateway", "gateway-service/target/gateway-service.jar",
                Map.of("GATEWAY_PORT", String.valueOf(gatewayPort), "AUTH_SERVICE_URL", authUrl,
                        "WORLD_DIRECTORY_URL", worldUrl, "GATEWAY_ID", gatewayId), SERVICE_FLAGS, List.of());
        auth.awaitHealthy(authUrl, START_TIMEOUT);
        world.awaitHealthy(worldUrl, START_TIMEOUT);
        gateway.awaitHealthy("http://127.0.0.1:" + gatewayPort, START_TIMEOUT);
    }

    /** Starts auth-service, world-directory and gateway-service and waits until all three are UP. */
    public static BackendStack start(Path root, String gatewayId) throws IOException, InterruptedException {
        return new BackendStack(root, gatewayId);
    }

    /** A map server for {@code mapId}, wired to this stack; returns once it is registered with the directory. */
    public ServiceProcess startMapServer(int mapId) throws IOException, InterruptedException {
        int ops = ServiceProcess.freePort();
        return start("map-" + mapId, "map-server/target/map-server.jar",
                Map.of("AUTH_SERVICE_URL", authUrl, "WORLD_DIRECTORY_URL", worldUrl, "OPS_PORT", String.valueOf(ops)),
                List.of("-Xmx256m"), List.of(String.valueOf(mapId), String.valueOf(ServiceProcess.freeTcpAndUdpPort())))
                .awaitAnswer("http://127.0.0.1:" + ops + "/health", "\"registered\":true", START_TIMEOUT);
    }

    private ServiceProcess start(String name, String jar, Map<String, String> env, List<String> flags, List<String> args)
            throws IOException {
        ServiceProcess process = ServiceProcess.start(name, root.resolve(jar), env, flags, args);
        processes.add(process);
        return process;
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

    /** {@code ws://127.0.0.1:<port>} (append {@code /ws}). */
    public String gatewayUrl() {
        return "ws://127.0.0.1:" + gatewayPort;
    }

    public ServiceProcess gateway() {
        return gateway;
    }

    @Override
    public void close() {
        processes.reversed().forEach(ServiceProcess::close);
    }
}
