package com.mmorpg.client.bot;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The {@code bot} command line ({@code scripts/bot.sh}). Exit codes: 0 success, 1 a check or run
 * failed, 2 bad usage.
 */
public final class BotMain {

    static final String USAGE = """
            usage: bot <command>
              health    check /actuator/health of auth-service, world-directory and gateway-service
                        (AUTH_SERVICE_URL, WORLD_DIRECTORY_URL, GATEWAY_URL; seed ports by default)
            """;

    private BotMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        return switch (args[0]) {
            case "health" -> health(out);
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
