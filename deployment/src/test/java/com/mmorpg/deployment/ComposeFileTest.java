package com.mmorpg.deployment;

import static com.mmorpg.deployment.RepositoryFiles.list;
import static com.mmorpg.deployment.RepositoryFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.testsupport.RequiredTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml as the Docker client parses it (no engine needed), and its structure: every
 * service healthy-checked and restarted, ports as in DESIGN.md, start order by health, no secret
 * outside the marked development defaults.
 */
class ComposeFileTest {

    static final Path COMPOSE = RepositoryFiles.path("docker-compose.yml");
    /** Names that hold a secret; ALLOW_DEV_SECRETS is a switch about them, not one. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?!ALLOW_DEV_SECRETS).*(SECRET|PASSWORD|API_KEY).*");
    private static final Pattern DEV_DEFAULT = Pattern.compile("\\$\\{[A-Z_]+:-dev-only-[A-Za-z0-9-]+}");

    private static Map<String, Object> services;

    @BeforeAll
    static void read() throws IOException {
        services = map(RepositoryFiles.yamlDocuments(COMPOSE).getFirst().get("services"), "services");
    }

    @Test
    void theDockerClientAcceptsTheFile() throws Exception {
        List<String> client = composeClient().orElse(null);
        RequiredTools.require(client != null, "the Docker client (`docker compose` or `docker-compose`, package"
                + " docker-compose), which parses the file offline");
        List<String> command = new ArrayList<>(client);
        command.addAll(List.of("-f", COMPOSE.toString(), "config", "-q"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s says: %s", command, output).isZero();
    }

    @Test
    void theWholeBackendIsThere() throws IOException {
        assertThat(services).containsOnlyKeys("postgres", "redis", "auth-service", "world-directory", "gateway-service",
                "map-server-1", "map-server-2", "map-server-3", "prometheus", "grafana");
        for (String optional : List.of("prometheus", "grafana")) {
            assertThat(list(service(optional).get("profiles"), optional + " profiles")).as(optional).containsExactly("observability");
        }
        assertThat(service("postgres").get("image")).isEqualTo("postgres:17");
        assertThat(service("redis").get("image")).isEqualTo("redis:7");
        Map<String, Object> volumes = map(RepositoryFiles.yamlDocuments(COMPOSE).getFirst().get("volumes"), "volumes");
        assertThat(volumes).containsKeys("postgres-data", "redis-data");
        assertThat(list(service("postgres").get("volumes"), "postgres volumes")).contains("postgres-data:/var/lib/postgresql/data");
        assertThat(list(service("redis").get("volumes"), "redis volumes")).contains("redis-data:/data");
    }

    @Test
    void everyServiceHasAHealthCheckAndARestartPolicy() {
        services.forEach((name, definition) -> {
            Map<String, Object> service = map(definition, name);
            assertThat(service).as(name).containsKeys("healthcheck", "restart");
            assertThat(map(service.get("healthcheck"), name + " healthcheck").get("test")).as(name).isNotNull();
        });
    }

    @Test
    void portsMatchTheDesign() {
        assertThat(ports("auth-service")).containsExactly("3000:3000");
        assertThat(ports("world-directory")).containsExactly("3001:3001");
        assertThat(ports("gateway-service")).containsExactly("3002:3002");
        // the game ports only: the ops ports (console live map, metrics) stay inside the compose network
        assertThat(ports("map-server-1")).containsExactly("4001:4001/tcp", "4001:4001/udp");
        assertThat(ports("map-server-2")).containsExactly("4002:4002/tcp", "4002:4002/udp");
        assertThat(list(service("map-server-1").get("command"), "command")).containsExactly("1", "4001");
        assertThat(list(service("map-server-2").get("command"), "command")).containsExactly("2", "4002");
        assertThat(environment("gateway-service")).containsEntry("GATEWAY_PORT", "3002");
        assertThat(environment("auth-service")).containsEntry("PORT", "3000");
    }

    @Test
    void servicesAreWiredByNameAndStartWhenTheirDependenciesAreHealthy() {
        assertThat(environment("auth-service").get("DATABASE_URL")).contains("@postgres:5432/");
        assertThat(environment("world-directory")).containsEntry("REDIS_URL", "redis://redis:6379");
        for (String name : List.of("gateway-service", "map-server-1", "map-server-2")) {
            assertThat(environment(name)).containsEntry("AUTH_SERVICE_URL", "http://auth-service:3000")
                    .containsEntry("WORLD_DIRECTORY_URL", "http://world-directory:3001");
        }
        assertThat(dependsOn("auth-service")).containsOnlyKeys("postgres");
        assertThat(dependsOn("world-directory")).containsOnlyKeys("redis");
        assertThat(dependsOn("gateway-service")).containsOnlyKeys("auth-service", "world-directory");
        assertThat(dependsOn("map-server-1")).containsKeys("world-directory");
        for (String name : List.of("auth-service", "world-directory", "gateway-service", "map-server-1", "map-server-2")) {
            dependsOn(name).forEach((dependency, condition) -> assertThat(map(condition, name + " -> " + dependency))
                    .as(name + " waits for " + dependency).containsEntry("condition", "service_healthy"));
            assertThat(map(service(name).get("build"), name + " build").get("context")).isEqualTo(".");
        }
    }

    @Test
    void noSecretLiteralOutsideTheMarkedDevelopmentDefaults() throws IOException {
        List<String> offending = new ArrayList<>();
        for (String line : Files.readAllLines(COMPOSE)) {
            String trimmed = line.strip();
            int colon = trimmed.indexOf(':');
            if (trimmed.startsWith("#") || colon < 0) {
                continue;
            }
            String key = trimmed.substring(0, colon);
            String value = trimmed.substring(colon + 1).strip();
            if (SECRET_NAME.matcher(key).matches() && !value.isEmpty() && !DEV_DEFAULT.matcher(value).matches()) {
                offending.add(line);
            }
        }
        assertThat(offending).as("secrets must be ${NAME:-dev-only-...}").isEmpty();
        Matcher urls = Pattern.compile("DATABASE_URL: (\\S+)").matcher(Files.readString(COMPOSE));
        while (urls.find()) {
            assertThat(urls.group(1)).as("the database password travels as DATABASE_PASSWORD").doesNotContain(":@")
                    .doesNotContainPattern("//[^/@]+:[^/@]+@");
        }
    }

    static Optional<List<String>> composeClient() throws InterruptedException {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            List<String> version = new ArrayList<>(candidate);
            version.add("version");
            try {
                Process process = new ProcessBuilder(version).redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return Optional.of(candidate);
                }
            } catch (IOException notInstalled) {
                // try the next one
            }
        }
        return Optional.empty();
    }

    static Map<String, Object> service(String name) {
        return map(services.get(name), name);
    }

    static Map<String, String> environment(String name) {
        Map<String, String> environment = new java.util.HashMap<>();
        map(service(name).get("environment"), name + " environment").forEach((k, v) -> environment.put(k, String.valueOf(v)));
        return environment;
    }

    private static List<Object> ports(String name) {
        return list(service(name).get("ports"), name + " ports");
    }

    private static Map<String, Object> dependsOn(String name) {
        return map(service(name).get("depends_on"), name + " depends_on");
    }
}
