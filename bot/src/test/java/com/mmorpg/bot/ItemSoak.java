package com.mmorpg.bot;

import com.mmorpg.common.config.Durations;
import com.mmorpg.testsupport.BackendStack;
import com.mmorpg.testsupport.ServiceProcess;
import com.mmorpg.testsupport.items.ItemAudit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The items soak (issue #37, {@code bench/items-soak.sh}): {@code bot load --items --rejoin} with
 * {@code soak.players} bots looting, dropping and trading through the gateway for {@code soak.duration} on
 * real processes (PostgreSQL, auth-service, world-directory, gateway, three map servers: two for map 1,
 * one for map 2), while a map server picked at random is killed with SIGKILL every {@code soak.killEvery}
 * (± half) and started again under its id on its port after 5 s to {@code soak.downFor}. Bots that lose
 * their server enter again, as players would. At the end the map servers stop (saving everyone) and the
 * item books are audited from the database: no item owned twice, the ledger replayed equals the items
 * table, created = alive + destroyed. Prints the load report, every kill, the ledger by reason and the
 * audit; exits 1 if the audit finds a problem.
 */
public final class ItemSoak {

    private record Server(int mapId, String id, int port, int opsPort) {
    }

    public static void main(String[] args) throws Exception {
        int players = Integer.getInteger("soak.players", 200);
        Duration duration = Durations.parse(System.getProperty("soak.duration", "10m"));
        Duration killEvery = Durations.parse(System.getProperty("soak.killEvery", "60s"));
        Duration downFor = Durations.parse(System.getProperty("soak.downFor", "20s"));
        long seed = Long.getLong("soak.seed", System.currentTimeMillis());
        SplittableRandom random = new SplittableRandom(seed);
        List<Server> servers = new ArrayList<>();
        for (int[] map : new int[][] {{1, 0}, {1, 1}, {2, 0}}) {
            servers.add(new Server(map[0], "map-server-soak-" + map[0] + (char) ('a' + map[1]), ServiceProcess.freeTcpAndUdpPort(),
                    ServiceProcess.freePort()));
        }
        System.out.printf(Locale.ROOT, "Items soak: %d bots for %d s, a map server killed every %d s (± half), down 5 to %d s; seed %d%n",
                players, duration.toSeconds(), killEvery.toSeconds(), downFor.toSeconds(), seed);
        try (BackendStack stack = BackendStack.start(Path.of("."), "gateway-soak",
                BackendStack.Options.defaults().withEnvironment(Map.of("RATE_LIMIT_EXEMPT_LOOPBACK", "true")))) {
            Map<Server, ServiceProcess> running = new HashMap<>();
            for (Server server : servers) {
                running.put(server, start(stack, server));
            }
            ByteArrayOutputStream report = new ByteArrayOutputStream();
            LoadOptions options = new LoadOptions(players, duration, 10, 1.0,
                    servers.stream().map(s -> "http://127.0.0.1:" + s.opsPort() + "/metrics").toList(), "soak" + (seed % 10_000),
                    List.of(1), null, 0, 2, null, true, true);
            LoadRun load = new LoadRun(new PlayBot.Endpoints(stack.authUrl(), stack.gatewayUrl()), options,
                    new PrintStream(report, true, StandardCharsets.UTF_8));
            Thread bots = Thread.ofPlatform().name("soak-bots").start(() -> {
                try {
                    load.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long start = System.nanoTime();
            long chaosEnd = start + duration.minus(Duration.ofSeconds(45)).toNanos(); // the last restart well before the end
            int kills = 0;
            while (true) {
                long wait = (long) (killEvery.toNanos() * (0.5 + random.nextDouble()));
                if (System.nanoTime() + wait > chaosEnd) {
                    break;
                }
                Thread.sleep(wait / 1_000_000);
                Server victim = servers.get(random.nextInt(servers.size()));
                long down = Duration.ofSeconds(5).toMillis() + random.nextLong(Math.max(1, downFor.toMillis() - 5_000));
                System.out.printf(Locale.ROOT, "[%4ds] KILL %s (SIGKILL), back in %.1f s%n", (System.nanoTime() - start) / 1_000_000_000L,
                        victim.id(), down / 1000.0);
                running.get(victim).kill();
                kills++;
                Thread.sleep(down);
                running.put(victim, start(stack, victim));
                System.out.printf(Locale.ROOT, "[%4ds] RESTARTED %s%n", (System.nanoTime() - start) / 1_000_000_000L, victim.id());
            }
            bots.join();
            System.out.print(report.toString(StandardCharsets.UTF_8).replaceAll("\r[^\n]*\r?", ""));
            // Everyone still in the world is saved as the servers stop.
            for (ServiceProcess server : running.values()) {
                server.terminate(Duration.ofSeconds(60));
            }
            System.out.printf(Locale.ROOT, "map servers killed: %d%n", kills);
            try (Connection connection = stack.database().connect()) {
                printLedger(connection);
                ItemAudit.Result audit = ItemAudit.run(connection);
                System.out.printf(Locale.ROOT, "audit: %d items alive (%d units), %d ledger rows, created %d = alive %d + destroyed %d: %s%n",
                        audit.alive(), audit.aliveUnits(), audit.ledgerRows(), audit.created(), audit.aliveUnits(), audit.destroyed(),
                        audit.created() == audit.aliveUnits() + audit.destroyed() ? "balanced" : "NOT BALANCED");
                System.out.println(audit.problems().isEmpty() ? "audit problems: none" : "audit problems: " + audit.problems());
                if (!audit.balanced() || !audit.problems().isEmpty()) {
                    System.exit(1);
                }
            }
        }
    }

    private static ServiceProcess start(BackendStack stack, Server server) throws Exception {
        return stack.startMapServer(server.mapId(), server.port(), Map.of("SERVER_ID", server.id(),
                "OPS_PORT", String.valueOf(server.opsPort()), "CHANNELS", "2"));
    }

    private static void printLedger(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT reason, count(*), sum(quantity) FROM item_ledger GROUP BY reason ORDER BY reason")) {
            StringBuilder line = new StringBuilder("ledger by reason:");
            while (rows.next()) {
                line.append(String.format(Locale.ROOT, " %s %d (%d units);", rows.getString(1), rows.getLong(2), rows.getLong(3)));
            }
            System.out.println(line);
        }
    }
}
