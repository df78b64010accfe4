package com.mmorpg.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.testsupport.BackendStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code bot load} against the real backend: its bots' map connections on Netty event loops
 * speaking KryoNet's wire to a real map server, through the gateway and with --map-only.
 */
class LoadRunIT {

    /**
     * The whole run, the ramp included: full strength is measured from when the last bot is in the world (when more
     * than 5 s are left) until 2 s before the end. The bots' logins took 9 s to all get in on a busy 2-core machine, where a
     * 14 s run never reached full strength; 24 s leaves room for twice that.
     */
    private static final Duration RUN = Duration.ofSeconds(24);

    private static BackendStack stack;
    private static int mapPort;

    @BeforeAll
    static void startBackend() throws Exception {
        // every bot registers from 127.0.0.1: the per-address limits are raised, as BENCHMARKS.md does for load runs
        stack = BackendStack.start(Path.of(".."), "gateway-load", BackendStack.Options.defaults().withEnvironment(
                Map.of("REGISTER_RATE_PER_IP", "100000", "LOGIN_RATE_PER_IP", "100000", "REFRESH_RATE_PER_IP", "100000",
                        "BCRYPT_QUEUE_PER_ADDRESS", "100000", "PENDING_PER_ADDRESS", "100000")));
        stack.startMapServer(1, Map.of("CHANNELS", "1"));
        String server = stack.http().send(HttpRequest.newBuilder(URI.create(stack.worldUrl() + "/map-registry/map/1"))
                .header("X-Internal-Key", "dev-only-internal-api-key-0123456789abcdef").build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher port = Pattern.compile("\"port\"\\s*:\\s*(\\d+)").matcher(server);
        assertThat(port.find()).as(server).isTrue();
        mapPort = Integer.parseInt(port.group(1));
    }

    @AfterAll
    static void stopBackend() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void botsThroughTheGatewayAllEnterAndPlayWithoutErrors() throws Exception {
        // --items: the bots opt in to items, loot and ask each other to trade; none of it is an error
        String report = run(new LoadOptions(20, RUN, 20, 0, List.of(), "gw", List.of(1), null,
                ProcessHandle.current().pid(), 2, null, true, false));
        assertThat(report).contains("errors: 0 of 20 bots");
        assertFullStrength(report);
        Matcher trades = Pattern.compile("items: \\d+ pick-ups asked, \\d+ stacks gained, \\d+ item actions refused; "
                + "trades: (\\d+) asked, \\d+ done, \\d+ cancelled").matcher(report);
        assertThat(trades.find()).as(report).isTrue();
        assertThat(Integer.parseInt(trades.group(1))).as(report).isPositive();
    }

    @Test
    void mapOnlyBotsGetTicketsMintedHereAndSkipTheGateway() throws Exception {
        String report = run(new LoadOptions(20, RUN, 20, 0, List.of(), "mo", List.of(1),
                new LoadOptions.MapOnly("127.0.0.1", mapPort - 1, "dev-only-ticket-secret-change-me-0123456789abcdef"), 0, 1, null, false, false));
        assertThat(report).contains("errors: 0 of 20 bots");
        assertThat(report).matches("(?s).*enter_world\\s+0 .*"); // the gateway was not asked
        assertFullStrength(report);
    }

    private static void assertFullStrength(String report) {
        Matcher perBot = Pattern.compile("per bot per second: ([0-9.]+) snapshots, ([0-9]+) bytes").matcher(report);
        assertThat(perBot.find()).as(report).isTrue();
        // A steady stream, not a rate target (BENCHMARKS.md measures rates): a quarter of 20 Hz even on a loaded machine.
        assertThat(Double.parseDouble(perBot.group(1))).as("snapshots per bot per second at 20 Hz").isGreaterThan(5);
        assertThat(Long.parseLong(perBot.group(2))).isPositive();
        assertThat(report).contains("load generator CPU:");
    }

    private static String run(LoadOptions options) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        boolean passed = new LoadRun(new PlayBot.Endpoints(stack.authUrl(), stack.gatewayUrl()), options, out).run();
        String report = bytes.toString(StandardCharsets.UTF_8);
        assertThat(passed).as(report).isTrue();
        return report;
    }
}
