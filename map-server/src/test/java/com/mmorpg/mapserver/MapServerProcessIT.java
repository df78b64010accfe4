package com.mmorpg.mapserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** start_server.sh as an operator runs it: exit codes and messages of the real script and jar. */
class MapServerProcessIT {

    private static final Path SCRIPT = Path.of("start_server.sh").toAbsolutePath();

    @Test
    void missingArgumentsPrintUsageAndExitTwo() throws Exception {
        Run run = run(List.of());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("usage:").contains("<map_id> <port>");
    }

    @Test
    void takenPortIsOneClearErrorAndExitOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Path log = Files.createTempFile("map_server", ".log");
            Run run = run(List.of("1", String.valueOf(taken.getLocalPort())), "LOG_FILE", log.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.output()).contains("port " + taken.getLocalPort() + " is already in use").doesNotContain("\tat ");
            assertThat(Files.readString(log)).contains("already in use");
            Files.delete(log);
        }
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(List<String> args, String... env) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add("bash");
        command.add(SCRIPT.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        for (int i = 0; i < env.length; i += 2) {
            builder.environment().put(env[i], env[i + 1]);
        }
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(output));
    }
}
