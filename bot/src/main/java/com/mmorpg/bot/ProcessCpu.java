package com.mmorpg.bot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of a process and of each of its threads, read from Linux's {@code /proc} (user + system
 * time, in clock ticks of 10 ms). Two readings give the share of one core used in between. Empty
 * where {@code /proc} is not there.
 */
record ProcessCpu(long pid, long wallNanos, long ticks, Map<String, Long> ticksByThread) {

    static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    static ProcessCpu read(long pid) {
        long now = System.nanoTime();
        Path proc = Path.of("/proc", Long.toString(pid));
        long total = ticksOf(proc.resolve("stat"));
        Map<String, Long> threads = new HashMap<>();
        try (var tasks = Files.list(proc.resolve("task"))) {
            tasks.forEach(task -> {
                String name = threadName(task);
                long used = ticksOf(task.resolve("stat"));
                if (name != null && used >= 0) {
                    threads.merge(name.replaceAll("[-#]?\\d+$", ""), used, Long::sum); // pool threads by pool
                }
            });
        } catch (IOException | RuntimeException e) {
            // no /proc, or the process is gone
        }
        return new ProcessCpu(pid, now, total, threads);
    }

    boolean available() {
        return ticks >= 0;
    }

    /** Share of one core used between {@code before} and this reading (1.0 = a whole core). */
    double coresSince(ProcessCpu before) {
        return (ticks - before.ticks) / TICKS_PER_SECOND / ((wallNanos - before.wallNanos) / 1e9);
    }

    /** The same per thread name (pools summed), busiest first. */
    Map<String, Double> threadCoresSince(ProcessCpu before) {
        double seconds = (wallNanos - before.wallNanos) / 1e9;
        Map<String, Double> shares = new java.util.LinkedHashMap<>();
        ticksByThread.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - before.ticksByThread.getOrDefault(e.getKey(), 0L))
                        / TICKS_PER_SECOND / seconds))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> shares.put(e.getKey(), e.getValue()));
        return shares;
    }

    private static long ticksOf(Path stat) {
        try {
            String line = Files.readString(stat);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String threadName(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            return null;
        }
    }
}
