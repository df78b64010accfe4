package com.mmorpg.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a packaged jar as a real process (the way start-dev.sh and start_server.sh do) and
 * collects its exit code and output, for end-to-end tests of start-up behaviour.
 */
public final class JavaProcess {

    public record Result(int exitCode, String output, Duration took) {
    }

    private JavaProcess() {
    }

    /** Runs {@code java -jar jar args...} with extra environment; kills it after {@code timeout}. */
    public static Result run(Path jar, Map<String, String> environment, Duration timeout, String... args)
            throws IOException, InterruptedException {
        PackagedJar.fresh(jar);
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.add("--sun-misc-unsafe-memory-access=allow");
        command.add("-Xmx256m");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        Path output = Files.createTempFile("java-process", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            long started = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("process did not exit within " + timeout + ":\n" + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8),
                    Duration.ofNanos(System.nanoTime() - started));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
