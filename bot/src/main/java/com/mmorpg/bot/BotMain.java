package com.mmorpg.bot;

import com.mmorpg.common.config.Durations;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code bot} command line ({@code scripts/bot.sh}), on picocli: {@code bot --help},
 * {@code bot <command> --help}, {@code --version}, {@code --option value} or {@code --option=value}.
 * Exit codes: 0 success, 1 a check or run failed, 2 bad usage.
 */
@Command(name = "bot", mixinStandardHelpOptions = true, versionProvider = BotMain.Version.class,
        description = "Bots for the MMO RPG backend: health checks, one playing bot, many bots under load.",
        subcommands = {BotMain.Health.class, BotMain.Play.class, BotMain.Load.class, CommandLine.HelpCommand.class},
        footer = {"", "Where the services are: AUTH_SERVICE_URL (http://localhost:3000), WORLD_DIRECTORY_URL "
                + "(http://localhost:3001), GATEWAY_URL (ws://localhost:3002)."})
public final class BotMain implements Callable<Integer> {

    /** The server's username rule (auth-service's RegisterRequest). */
    static final String USERNAME = "[A-Za-z0-9_]{3,20}";

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream out;

    BotMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        com.esotericsoftware.minlog.Log.set(com.esotericsoftware.minlog.Log.LEVEL_WARN); // KryoNet's connect chatter
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new BotMain(out), new Factory(out))
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return commandLine.execute(args);
    }

    /** {@code bot} alone: the usage, as a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a command is needed: health, play or load");
    }

    @Command(name = "health", mixinStandardHelpOptions = true,
            description = "Checks /actuator/health of auth-service, world-directory and gateway-service; exit 1 if one is not UP.")
    static final class Health implements Callable<Integer> {

        private final PrintStream out;

        Health(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
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

    @Command(name = "play", mixinStandardHelpOptions = true, description = "Logs in (registering the first time), "
            + "creates a character if there is none, enters the world and hunts mobs, one line per event (chat it hears too; "
            + "--say talks now and then). Ctrl-C stops it.")
    static final class Play implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--user", required = true, paramLabel = "NAME",
                description = "account name: 3-20 letters, digits or _ (the server's rule)")
        String user;

        @Option(names = "--password", paramLabel = "P", description = "default: bot-password-<NAME>")
        String password;

        @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "how long to play, e.g. 60s or 5m (default: until Ctrl-C)")
        Duration duration;

        @Option(names = "--say", paramLabel = "TEXT", description = "say this now and then (see --say-every, --say-on)")
        String say;

        @Option(names = "--say-every", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30s",
                description = "how often --say speaks (default 30s)")
        Duration sayEvery;

        @Option(names = "--say-on", paramLabel = "CHANNEL", defaultValue = "map",
                description = "map, world or party (default map)")
        String sayOn;

        private final PrintStream out;

        Play(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            if (!user.matches(USERNAME)) {
                throw new ParameterException(spec.commandLine(), "--user must be 3-20 letters, digits or _, not '" + user + "'");
            }
            if (!sayOn.matches("map|world|party")) {
                throw new ParameterException(spec.commandLine(), "--say-on must be map, world or party, not '" + sayOn + "'");
            }
            if (say != null && (say.isBlank() || say.length() > 200)) {
                throw new ParameterException(spec.commandLine(), "--say must be 1-200 characters");
            }
            PlayBot.Talk talk = say == null ? null : new PlayBot.Talk(sayOn, say, sayEvery);
            String secret = password != null ? password : "bot-password-" + user;
            long until = duration != null ? System.nanoTime() + duration.toNanos() : Long.MAX_VALUE;
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
                new PlayBot(PlayBot.Endpoints.from(System.getenv()), user, secret, PlayBot.printingTo(out), talk)
                        .play(() -> running.get() && System.nanoTime() < until);
                out.println("bye");
                return 0;
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return 1;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // already shutting down
                }
            }
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true, description = "N bots doing the whole flow, then playing: "
            + "progress every second, then latency percentiles, errors by code, snapshots and bytes per bot, map-server "
            + "tick p99; exit 1 over the error rate.")
    static final class Load implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--players", paramLabel = "N", description = "bots (default 10)")
        String players;

        @Option(names = "--duration", paramLabel = "DURATION", description = "how long the run lasts, the ramp included (default 60s)")
        String duration;

        @Option(names = "--ramp", paramLabel = "RATE", description = "new bots per second, e.g. 10/s (default)")
        String ramp;

        @Option(names = "--max-error-rate", paramLabel = "RATE", description = "exit 1 above it (default 0.001)")
        String maxErrorRate;

        @Option(names = "--run", paramLabel = "ID", description = "names the run's accounts (default: a fresh id)")
        String run;

        @Option(names = "--metrics", paramLabel = "URL,...", description = "map servers' /metrics for tick p99 "
                + "(default: http://localhost:5001/metrics,http://localhost:5002/metrics)")
        String metrics;

        @Option(names = "--maps", paramLabel = "1,2", description = "spread new characters over these maps (uses INTERNAL_API_KEY)")
        String maps;

        @Option(names = "--map-only", paramLabel = "HOST:BASE_PORT", description = "skip the gateway: tickets are minted with "
                + "TICKET_SECRET for map N's server at HOST:BASE_PORT+N")
        String mapOnly;

        @Option(names = "--server-pid", paramLabel = "PID", description = "add that process's CPU (from /proc) to the report")
        String serverPid;

        @Option(names = "--threads", paramLabel = "N", description = "event loops the bots' map connections share (default 2)")
        String threads;

        @Option(names = "--items", description = "the bots also loot what they see, drop stacks when their bags fill and "
                + "trade with each other")
        boolean items;

        @Option(names = "--rejoin", description = "a bot whose map server goes away enters the world again (chaos runs)")
        boolean rejoin;

        private final PrintStream out;

        Load(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() throws InterruptedException {
            Map<String, String> given = new LinkedHashMap<>();
            put(given, "--players", players);
            put(given, "--duration", duration);
            put(given, "--ramp", ramp);
            put(given, "--max-error-rate", maxErrorRate);
            put(given, "--run", run);
            put(given, "--metrics", metrics);
            put(given, "--maps", maps);
            put(given, "--map-only", mapOnly);
            put(given, "--server-pid", serverPid);
            put(given, "--threads", threads);
            put(given, "--items", items ? "" : null);
            put(given, "--rejoin", rejoin ? "" : null);
            LoadOptions options;
            try {
                options = LoadOptions.parse(given);
            } catch (IllegalArgumentException e) { // NumberFormatException included
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            return new LoadRun(PlayBot.Endpoints.from(System.getenv()), options, out).run() ? 0 : 1;
        }

        private static void put(Map<String, String> options, String name, String value) {
            if (value != null) {
                options.put(name, value);
            }
        }
    }

    /** {@code 60s}, {@code 5m}, {@code 1h}, as every duration of this project is written. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value);
        }
    }

    /** The build's version (the jar manifest's Implementation-Version). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BotMain.class.getPackage().getImplementationVersion();
            return new String[] {"bot " + (version == null ? "dev" : version)};
        }
    }

    /** Gives each command the output stream it reports to. */
    private record Factory(PrintStream out) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == Health.class) {
                return type.cast(new Health(out));
            }
            if (type == Play.class) {
                return type.cast(new Play(out));
            }
            if (type == Load.class) {
                return type.cast(new Load(out));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
