package com.mmorpg.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LoadRunTest {

    @Test
    void tickP99IsTheBucketHoldingThe99thPercentileOfTheTicksBetweenTwoScrapes() {
        Map<Double, Long> before = new TreeMap<>(Map.of(0.001, 100L, 0.005, 100L, 0.010, 100L, Double.POSITIVE_INFINITY, 100L));
        // 1,000 new ticks: 980 under 1 ms, 15 under 5 ms, 5 under 10 ms
        Map<Double, Long> after = new TreeMap<>(Map.of(0.001, 1_080L, 0.005, 1_095L, 0.010, 1_100L, Double.POSITIVE_INFINITY, 1_100L));

        assertThat(TickHistograms.p99(before, after)).isEqualTo("5.00");
        assertThat(TickHistograms.p99(after, after)).isEqualTo("n/a");
    }

    @Test
    void theTicksWallAndCpuHistogramsAreReadApartFromAPrometheusPage() {
        String page = """
                # HELP mmo_map_tick_duration_seconds Time spent in one world tick
                mmo_map_tick_duration_seconds_bucket{map="1",server="map-server-1",le="0.005"} 90
                mmo_map_tick_duration_seconds_bucket{map="1",server="map-server-1",le="+Inf"} 100
                mmo_map_tick_duration_seconds_count{map="1",server="map-server-1"} 100
                mmo_map_tick_cpu_seconds_bucket{map="1",server="map-server-1",le="0.005"} 99
                mmo_map_tick_cpu_seconds_bucket{map="1",server="map-server-1",le="+Inf"} 100
                """;

        assertThat(TickHistograms.buckets(page, TickHistograms.TICK_DURATION))
                .isEqualTo(Map.of(0.005, 90L, Double.POSITIVE_INFINITY, 100L));
        assertThat(TickHistograms.buckets(page, TickHistograms.TICK_CPU)).isEqualTo(Map.of(0.005, 99L, Double.POSITIVE_INFINITY, 100L));
        assertThat(TickHistograms.buckets("", TickHistograms.TICK_CPU)).isEmpty();
    }

    @Test
    void optionsHaveSeedLikeDefaultsAndRefuseNonsense() {
        LoadOptions options = LoadOptions.parse(Map.of("--players", "300", "--ramp", "15/s", "--duration", "2m"));

        assertThat(options.players()).isEqualTo(300);
        assertThat(options.rampPerSecond()).isEqualTo(15);
        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.maxErrorRate()).isEqualTo(0.001);
        assertThat(options.metricsUrls()).containsExactly("http://localhost:5001/metrics", "http://localhost:5002/metrics");
        assertThat(options.maps()).containsExactly(1);
        assertThat(LoadOptions.parse(Map.of("--maps", "1, 2"), Map.of("INTERNAL_API_KEY", "k".repeat(32))).maps())
                .containsExactly(1, 2);
        assertThat(LoadOptions.parse(Map.of("--maps", "1"), Map.of()).internalApiKey()).isNull();
        // Moving characters to another map needs the stack's internal key: the bot holds none of its own.
        assertThatThrownBy(() -> LoadOptions.parse(Map.of("--maps", "1,2"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INTERNAL_API_KEY");
        assertThatThrownBy(() -> LoadOptions.parse(Map.of("--maps", "one"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoadOptions.parse(Map.of("--players", "0"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void playNeedsAUserAndLoadRefusesUnknownOptions() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        assertThat(BotMain.run(new String[] {"play"}, new PrintStream(out), new PrintStream(err))).isEqualTo(2);
        assertThat(BotMain.run(new String[] {"load", "--bogus", "1"}, new PrintStream(out), new PrintStream(err)))
                .isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--user=NAME'", "Unknown options: '--bogus'");
    }

    @Test
    void everyCommandHasHelpTheVersionAndTheServersUsernameRule() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var outStream = new PrintStream(out);
        var errStream = new PrintStream(err);

        assertThat(BotMain.run(new String[] {"--help"}, outStream, errStream)).isZero();
        assertThat(BotMain.run(new String[] {"load", "--help"}, outStream, errStream)).isZero();
        assertThat(BotMain.run(new String[] {"--version"}, outStream, errStream)).isZero();
        assertThat(out.toString()).contains("Usage: bot", "health", "play", "load", "Usage: bot load", "--players=N",
                "--map-only=HOST:BASE_PORT", "bot ");
        // --flag=value as well as --flag value; a name the server would refuse is refused here
        assertThat(BotMain.run(new String[] {"play", "--user=no", "--duration=1s"}, outStream, errStream)).isEqualTo(2);
        assertThat(BotMain.run(new String[] {"play", "--user", "a".repeat(21)}, outStream, errStream)).isEqualTo(2);
        assertThat(BotMain.run(new String[] {"play", "--user=okay_name", "--duration=soon"}, outStream, errStream)).isEqualTo(2);
        assertThat(BotMain.run(new String[] {"load", "--players=zero"}, outStream, errStream)).isEqualTo(2);
        assertThat(err.toString()).contains("--user must be 3-20 letters, digits or _, not 'no'")
                .contains("'--duration'").contains("zero");
    }
}
