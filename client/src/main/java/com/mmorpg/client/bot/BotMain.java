package com.mmorpg.client.bot;

import com.mmorpg.common.config.Durations;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code bot} command line ({@code scripts/bot.sh}). Exit codes: 0 success, 1 a check or run
 * failed, 2 bad usage.
 */
public final class BotMain {

    static final String USAGE = """
            usage: bot <command>
              health                       check /actuator/health of auth-service, world-directory and
                                           gateway-service (AUTH_SERVICE_URL, WORLD_DIRECTORY_URL, GATEWAY_URL)
              play --user NAME [--password P] [--duration 60s]
                                           log in (registering the first time), create a character if none,
                                           enter the world and hunt mobs, one line per event; Ctrl-C stops
              load --players N [--duration 60s] [--ramp 10/s] [--max-error-rate 0.001] [--run ID]
                   [--metrics URL,...] [--maps 1,2] [--map-only HOST:BASE_PORT] [--server-pid PID]
                   [--threads 2]
                                           N bots doing the whole flow, then playing; progress every second,
                                           then latency percentiles, errors by code, snapshots and bytes per
                                           bot, map-server tick p99; exit 1 over the error rate. --maps
                                           spreads new characters over those maps (uses INTERNAL_API_KEY).
                                           The bots' map connections share --threads event loops.
                                           --map-only skips the gateway: tickets are minted with TICKET_SECRET
                                           for map N's server at HOST:BASE_PORT+N. --server-pid adds that
                                           process's CPU (from /proc) at full strength to the report
            """;

    private BotMain() {
    }

    public static void main(String[] args) {
        com.esotericsoftware.minlog.Log.set(com.esotericsoftware.minlog.Log.LEVEL_WARN); // KryoNet's connect chatter
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        return switch (args[0]) {
            case "health" -> health(out);
            case "play" -> play(args, out, err);
            case "load" -> load(args, out, err);
            case "help", "--help", "-h" -> {
                out.print(USAGE);
                yield 0;
            }
            default -> {
                err.println("unknown command: " + args[0]);
                err.print(USAGE);
                yield 2;
            }
        };
    }

    private static int play(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options;
        try {
            options = options(args, 1, Set.of("--user", "--password", "--duration"));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        String user = options.get("--user");
        if (user == null || !user.matches("[A-Za-z0-9_]{3,32}")) {
            err.println("error: --user NAME is required (3-32 letters, digits or _)");
            return 2;
        }
        String password = options.getOrDefault("--password", "bot-password-" + user);
        long until = options.containsKey("--duration")
                ? System.nanoTime() + Durations.parse(options.get("--duration")).toNanos() : Long.MAX_VALUE;
        AtomicBoolean running = new AtomicBoolean(true);
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            running.set(false);
            try {
                main.join(5_000); // let the bot stop moving and close its connections
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "bot-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            new PlayBot(PlayBot.Endpoints.from(System.getenv()), user, password, PlayBot.printingTo(out))
                    .play(() -> running.get() && System.nanoTime() < until);
            out.println("bye");
            return 0;
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    private static int load(String[] args, PrintStream out, PrintStream err) {
        LoadRun.Options options;
        try {
            options = LoadRun.parse(options(args, 1,
                    Set.of("--players", "--duration", "--ramp", "--max-error-rate", "--run", "--metrics", "--maps",
                            "--map-only", "--server-pid", "--threads")));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            return new LoadRun(PlayBot.Endpoints.from(System.getenv()), options, out).run() ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    static Map<String, String> options(String[] args, int from, Set<String> known) {
        Map<String, String> options = new HashMap<>();
        for (int i = from; i < args.length; i++) {
            if (!known.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unexpected argument: " + args[i]);
            }
            options.put(args[i], args[++i]);
        }
        return options;
    }

    private static int health(PrintStream out) {
        List<ServiceHealth.Status> statuses = new ServiceHealth(Duration.ofSeconds(3))
                .check(ServiceHealth.servicesFrom(System.getenv()));
        boolean allUp = true;
        for (ServiceHealth.Status status : statuses) {
            out.printf("%-16s %-4s %s (%s)%n", status.service(), status.up() ? "UP" : "DOWN", status.url(), status.detail());
            allUp &= status.up();
        }
        return allUp ? 0 : 1;
    }
}
