package com.mmorpg.mapserver.net;

import com.mmorpg.common.token.MapTicketCodec;
import com.mmorpg.common.token.SigningKeys;
import com.mmorpg.mapserver.MapServer;
import com.mmorpg.mapserver.MapServerConfig;
import com.mmorpg.mapserver.map.ShippedContent;
import com.mmorpg.testsupport.ServiceProcess;
import com.mmorpg.testsupport.http.Contracts;
import com.mmorpg.testsupport.http.HttpStub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A real map server on loopback for map 1, with auth-service and world-directory played by HTTP stubs. */
final class LoopbackMapServer implements AutoCloseable {

    final HttpStub auth;
    final HttpStub directory;
    final MapServer server;
    final MapTicketCodec tickets = new MapTicketCodec(
            SigningKeys.of("TICKET_SECRET", MapServerConfig.DEV_TICKET_SECRET, null), Duration.ofSeconds(30), Clock.systemUTC());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LoopbackMapServer(HttpStub auth, HttpStub directory, MapServer server) {
        this.auth = auth;
        this.directory = directory;
        this.server = server;
    }

    /** Starts with a 1 s auth timeout and one channel; {@code env} adds to or overrides that. */
    static LoopbackMapServer start(Map<String, String> env) throws Exception {
        HttpStub auth = new HttpStub();
        HttpStub directory = new HttpStub();
        auth.fallback((method, path) -> {
            if (method.equals("GET") && path.matches("/characters/\\d+/internal")) {
                String id = path.split("/")[2];
                return new HttpStub.Answer(200, character(id, "user-" + id, 400, 304), 0);
            }
            if (method.equals("POST") && path.matches("/characters/\\d+/internal/lease")) {
                String id = path.split("/")[2];
                return new HttpStub.Answer(200, granted(id, "user-" + id, 400, 304, leaseOf(id)), 0);
            }
            if (method.equals("DELETE") && path.matches("/characters/\\d+/internal/lease/\\d+")) {
                return new HttpStub.Answer(204, "", 0);
            }
            if (method.equals("POST") && path.equals("/internal/leases/renew")) {
                return new HttpStub.Answer(200, Contracts.renewed(List.of(), List.of()), 0);
            }
            if (method.equals("PUT") && path.matches("/characters/\\d+/internal/state")) {
                return new HttpStub.Answer(200, Contracts.saved(path.split("/")[2], 1), 0);
            }
            return new HttpStub.Answer(404, "{\"code\":\"NOT_FOUND\"}", 0);
        });
        directory.answer("POST /map-registry/register", 201, "{}");
        directory.answer("POST /map-registry/heartbeat", 200, "{}");
        directory.answer("DELETE /map-registry/server/map-server-1", 204, "");
        Map<String, String> all = new HashMap<>(Map.of(
                "AUTH_SERVICE_URL", auth.url(),
                "WORLD_DIRECTORY_URL", directory.url(),
                "CHANNELS", "1",
                "OPS_PORT", "0",
                "OPS_BIND", "127.0.0.1",
                "HEARTBEAT_INTERVAL", "200ms",
                "AUTH_TIMEOUT", "1s",
                // Pinning would move every other thread of this JVM, the test's own included, to one CPU.
                "TICK_CPU", "off"));
        all.putAll(env);
        MapServer server = MapServer.start(MapServerConfig.from(1, ServiceProcess.freeTcpAndUdpPort(), all),
                ShippedContent.CONTENT);
        return new LoopbackMapServer(auth, directory, server);
    }

    static String character(String id, String userId, float x, float y) {
        return Contracts.json(Contracts.hero(id, userId, x, y));
    }

    /** auth-service's answer to a lease request: the lease and the character. */
    static String granted(String id, String userId, float x, float y, long leaseId) {
        return Contracts.granted(Contracts.hero(id, userId, x, y), leaseId);
    }

    /** The lease id the stub grants for a character: 1000 + its id. */
    static long leaseOf(String characterId) {
        return 1000 + Long.parseLong(characterId);
    }

    int port() {
        return server.port();
    }

    String ticket(String characterId) {
        return tickets.issue("map-server-1", characterId, "user-" + characterId, 1).token();
    }

    /** A real KryoNet client that has sent its ticket. */
    KryoTestClient enter(String characterId) throws Exception {
        KryoTestClient client = new KryoTestClient(port());
        client.client.sendTCP(new com.mmorpg.protocol.Authenticate(ticket(characterId)));
        return client;
    }

    HttpResponse<String> ops(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.opsPort() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A counter's value from {@code /metrics} text, 0 when absent. */
    double counter(String name, String label) {
        String prefix = name + "{";
        double total = 0;
        for (String line : server.metrics().scrape().split("\n")) {
            if (line.startsWith(prefix) && line.contains(label)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    @Override
    public void close() {
        server.shutdown();
        auth.close();
        directory.close();
    }
}
