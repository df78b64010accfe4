package com.mmorpg.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Starting a packaged service the way Spring Boot's "efficient deployments" advice does, so the end-to-end
 * suite (which starts a Spring service some sixty times) does not spend most of its time in JVM start-up:
 * <ul>
 *   <li>from the jar's <b>extracted layout</b> ({@code java -Djarmode=tools -jar x.jar extract}): plain jars on
 *       a class path instead of nested ones, about a third faster;</li>
 *   <li>with a JDK <b>AOT cache</b> (JEP 483/514, JDK 25) trained once per build of a Spring service by a run
 *       that stops where the application context would start its web server ({@code spring.context.exit=onRefresh}):
 *       about twice as fast again.</li>
 * </ul>
 * Both live in {@code <module>/target/fast-start/}, with the logs of making them, and are made again when the jar
 * changes (its size and time are the stamp). A cache the JVM would refuse (a JDK update, other flags, a damaged file:
 * the JVM would then start as usual, only slower and silently) is found before the start, reported on standard
 * error and made again. Training runs with the environment of the first start that needs it; when it fails (a test
 * that starts a service with a configuration it must refuse), the service starts without a cache and training is
 * tried again by the next JVM.
 * <p>
 * On only when {@value #PROPERTY} is {@code true} (the build sets it for the integration tests): benchmarks start
 * services as production does, from the jar, because a cache changes resident memory and early JIT behaviour.
 */
final class FastStart {

    static final String PROPERTY = "services.fastStart";

    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();
    /** Jars whose training failed in this JVM: not tried again here. */
    private static final Set<Path> UNTRAINABLE = ConcurrentHashMap.newKeySet();
    /** Caches this JVM made or found usable, with the file's time then: not checked again here unless the file changed. */
    private static final Map<Path, java.nio.file.attribute.FileTime> USABLE = new ConcurrentHashMap<>();
    private static final long TRAINING_TIMEOUT_SECONDS = 180;

    private FastStart() {
    }

    static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }

    /**
     * What follows the JVM flags on the command line that starts {@code jar}: {@code -jar <jar>} as it is, or
     * the AOT cache's flags and {@code -jar <extracted jar>}.
     */
    static List<String> launch(String java, Path jar, Map<String, String> environment, List<String> jvmFlags) {
        Path source = jar.toAbsolutePath().normalize();
        if (!enabled() || !springApplication(source)) {
            return List.of("-jar", source.toString());
        }
        synchronized (LOCKS.computeIfAbsent(source, key -> new Object())) {
            Path directory = source.getParent().resolve("fast-start");
            try (FileChannel lockFile = FileChannel.open(source.getParent().resolve("fast-start.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lockFile.lock()) { // another JVM may start the same jar
                Path extracted = extracted(java, source, directory);
                List<String> launch = new ArrayList<>();
                Path cache = directory.resolve(baseName(source) + ".aot");
                if (Files.isRegularFile(cache) && !usable(java, extracted, cache, jvmFlags)) {
                    // Reported, never silent: a JVM refusing the cache starts as usual, only slower.
                    System.err.println("[fast-start] the AOT cache of " + source.getFileName() + " was refused by this JVM;"
                            + " it is made again");
                    Files.delete(cache);
                }
                if (Files.isRegularFile(cache) || trained(java, source, extracted, cache, environment, jvmFlags)) {
                    launch.add("-XX:AOTCache=" + cache);
                    launch.add("-Xlog:aot=off"); // checked usable above: the JDK's notes on a cache are noise in a service's log
                    launch.add("-Xlog:cds=off");
                }
                launch.add("-jar");
                launch.add(extracted.toString());
                return launch;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The extracted layout of {@code jar}, made again when the jar's stamp changed. */
    private static Path extracted(String java, Path jar, Path directory) throws IOException {
        Path application = directory.resolve("app"); // extract wants an empty folder; the logs stay beside it
        Path extracted = application.resolve(jar.getFileName());
        Path stampFile = directory.resolve("stamp");
        String stamp = Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
        if (Files.isRegularFile(extracted) && Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp)) {
            return extracted;
        }
        delete(directory);
        Files.createDirectories(directory);
        Path log = directory.resolve("extract.log");
        if (run(List.of(java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", application.toString()),
                Map.of(), log) != 0 || !Files.isRegularFile(extracted)) {
            throw new IllegalStateException("could not extract " + jar + ":\n" + Files.readString(log));
        }
        Files.writeString(stampFile, stamp);
        return extracted;
    }

    /**
     * Whether this JVM can use {@code cache} with {@code extracted} on the class path (a JDK update, other
     * flags or a damaged file make it refuse): {@code -XX:AOTMode=on} fails the start of a JVM that cannot, and
     * {@code -version} stops one that can. Checked once per cache file and JVM (a tenth of a second).
     */
    private static boolean usable(String java, Path extracted, Path cache, List<String> jvmFlags) throws IOException {
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(cache);
        if (written.equals(USABLE.get(cache))) {
            return true;
        }
        List<String> probe = new ArrayList<>(List.of(java));
        probe.addAll(jvmFlags);
        probe.addAll(List.of("-XX:AOTMode=on", "-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off",
                "-cp", extracted.toString(), "-version"));
        boolean usable = run(probe, Map.of(), cache.getParent().resolve("check.log")) == 0;
        if (usable) {
            USABLE.put(cache, written);
        }
        return usable;
    }

    /**
     * Trains an AOT cache for a Spring service: a run that records what start-up loads and links and stops where
     * the context would start, then the JVM assembles {@code cache} from that record. False when {@code jar} is
     * no Spring application (a map server runs until stopped) or training failed.
     */
    private static boolean trained(String java, Path jar, Path extracted, Path cache, Map<String, String> environment,
            List<String> jvmFlags) throws IOException {
        if (Runtime.version().feature() < 25 || UNTRAINABLE.contains(jar)) {
            return false;
        }
        Path directory = cache.getParent();
        Path configuration = directory.resolve(baseName(jar) + ".aotconf");
        Path assembling = directory.resolve(baseName(jar) + ".aot.tmp");
        Path log = directory.resolve("training.log");
        List<String> record = new ArrayList<>(List.of(java, "--sun-misc-unsafe-memory-access=allow"));
        record.addAll(jvmFlags);
        record.addAll(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + configuration,
                "-Dspring.context.exit=onRefresh", "-jar", extracted.toString()));
        List<String> create = new ArrayList<>(List.of(java, "--sun-misc-unsafe-memory-access=allow"));
        create.addAll(jvmFlags);
        create.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + configuration,
                "-XX:AOTCache=" + assembling, "-jar", extracted.toString()));
        boolean done = run(record, environment, log) == 0 && Files.isRegularFile(configuration)
                && run(create, environment, directory.resolve("assembly.log")) == 0 && Files.isRegularFile(assembling);
        Files.deleteIfExists(configuration);
        if (!done) {
            Files.deleteIfExists(assembling);
            UNTRAINABLE.add(jar);
            System.err.println("[fast-start] no AOT cache for " + jar.getFileName() + " (it starts without one): see " + log);
            return false;
        }
        Files.move(assembling, cache, StandardCopyOption.ATOMIC_MOVE);
        USABLE.put(cache, Files.getLastModifiedTime(cache));
        return true;
    }

    /**
     * Whether {@code jar} is a Spring application: it carries Spring Boot itself, not only its launcher as the
     * map server's jar does (which neither extracts with Spring Boot's tools nor stops at a context refresh; it
     * starts in a second or two anyway).
     */
    private static boolean springApplication(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().anyMatch(entry -> entry.getName().matches("BOOT-INF/lib/spring-boot-\\d.*\\.jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int run(List<String> command, Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String baseName(Path jar) {
        String name = jar.getFileName().toString();
        return name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
