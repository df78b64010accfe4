package com.mmorpg.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The charts BENCHMARKS.md and README show exist, and the CSV rows they are drawn from are the
 * medians BENCHMARKS.md reports (a round's new figures must reach both).
 */
class BenchmarkChartsTest {

    @Test
    void everyChartTheDocumentsShowExists() throws IOException {
        for (String document : List.of("BENCHMARKS.md", "README.md")) {
            Matcher images = Pattern.compile("!\\[[^]]*]\\(([^)]+\\.png)\\)").matcher(Files.readString(RepositoryFiles.path(document)));
            int found = 0;
            while (images.find()) {
                found++;
                Path image = RepositoryFiles.path(images.group(1));
                assertThat(image).as(document + " shows " + images.group(1)).isRegularFile();
                assertThat(Files.size(image)).isGreaterThan(1_000);
            }
            assertThat(found).as(document).isPositive();
        }
    }

    @Test
    void theChartsDataAreTheReportedMedians() throws IOException {
        String benchmarks = Files.readString(RepositoryFiles.path("BENCHMARKS.md"));
        for (String line : data("gateway-memory.csv")) {
            String bytes = String.format(Locale.ROOT, "%,d B", Integer.parseInt(line.split(",")[2]));
            assertThat(benchmarks).as("gateway-memory.csv: " + line).contains(bytes);
        }
        for (String line : data("map-tick.csv")) {
            String[] fields = line.split(",");
            assertThat(benchmarks).as("map-tick.csv: " + line).contains("**" + fields[3] + "**");
        }
        for (String line : data("map-net.csv")) {
            String[] fields = line.split(",");
            assertThat(benchmarks).as("map-net.csv: " + line).contains(fields[1] + " (" + fields[2] + ")");
        }
    }

    private static List<String> data(String file) throws IOException {
        List<String> rows = Files.readAllLines(RepositoryFiles.path("bench/data/" + file)).stream()
                .filter(line -> !line.startsWith("#") && !line.isBlank()).skip(1).toList();
        assertThat(rows).as(file).isNotEmpty();
        return rows;
    }
}
