package com.mmorpg.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.client.auth.AuthClient;
import com.mmorpg.client.gateway.GatewayClient;
import com.mmorpg.client.gateway.MapAssignment;
import com.mmorpg.client.map.MapClient;
import com.mmorpg.client.map.MapListener;
import com.mmorpg.testsupport.BackendStack;
import com.mmorpg.testsupport.ServiceProcess;
import com.mmorpg.testsupport.TestPostgres;
import com.mmorpg.testsupport.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code prod} profile, once for all four deployables on their packaged jars: development
 * defaults and short secrets stop the process with a message naming the variable (never its
 * value), and secrets given as {@code <NAME>_FILE} (Docker and Kubernetes secrets) run the stack.
 */
class ProductionSecretsIT {

    private static final Path ROOT = Path.of("..");
    private static final List<String> FLAGS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(90);
    private static final String DEV_JWT = "dev-only-jwt-secret-change-me-0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void everyDeployableRefusesDevelopmentDefaultsUnderProd() throws Exception {
        String database = TestPostgres.newDatabase().url();
        String redis = TestRedis.newDatabase().url();
        Map<String, ServiceProcess> refused = new HashMap<>();
        refused.put("auth-service", ServiceProcess.start("auth-prod", ROOT.resolve("auth-service/target/auth-service.jar"),
                Map.of("SPRING_PROFILES_ACTIVE", "prod", "PORT", port(), "DATABASE_URL", database), FLAGS));
        refused.put("world-directory", ServiceProcess.start("world-prod", ROOT.resolve("world-directory/target/world-directory.jar"),
                Map.of("SPRING_PROFILES_ACTIVE", "prod", "PORT", port(), "REDIS_URL", redis), FLAGS));
        refused.put("gateway-service", ServiceProcess.start("gateway-prod", ROOT.resolve("gateway-service/target/gateway-service.jar"),
                Map.of("SPRING_PROFILES_ACTIVE", "prod", "GATEWAY_PORT", port()), FLAGS));
        refused.put("map-server", ServiceProcess.start("map-prod", ROOT.resolve("map-server/target/map-server.jar"),
                Map.of("MMO_PROFILE", "prod", "OPS_PORT", port()), FLAGS,
                List.of("1", String.valueOf(ServiceProcess.freeTcpAndUdpPort()))));
        try {
            for (var entry : refused.entrySet()) {
                OptionalInt exit = entry.getValue().awaitExit(EXIT_TIMEOUT);
                String log = entry.getValue().logText();
                assertThat(exit).as(entry.getKey() + " must stop:\n" + entry.getValue().tail()).isPresent();
                assertThat(exit.getAsInt()).as(entry.getKey()).isNotZero();
                assertThat(log).as(entry.getKey()).contains("INTERNAL_API_KEY is a development default")
                        .doesNotContain("dev-only-internal-api-key");
            }
            assertThat(refused.get("auth-service").logText()).contains("JWT_SECRET is a development default");
            assertThat(refused.get("gateway-service").logText()).contains("JWT_SECRET is a development default",
                    "TICKET_SECRET is a development default");
            assertThat(refused.get("map-server").logText()).contains("TICKET_SECRET is a development default");
        } finally {
            refused.values().forEach(ServiceProcess::close);
        }
    }

    @Test
    void shortSecretsAndAmbiguousOnesAreRefusedWithoutAStackTrace() throws Exception {
        Path file = secretFile("jwt");
        String redis = TestRedis.newDatabase().url();
        try (ServiceProcess shortKey = ServiceProcess.start("world-short", ROOT.resolve("world-directory/target/world-directory.jar"),
                Map.of("SPRING_PROFILES_ACTIVE", "prod", "PORT", port(), "REDIS_URL", redis,
                        "INTERNAL_API_KEY", "x".repeat(31)), FLAGS);
                ServiceProcess shortJwt = ServiceProcess.start("gateway-short", ROOT.resolve("gateway-service/target/gateway-service.jar"),
                        Map.of("GATEWAY_PORT", port(), "JWT_SECRET", "too-short-0123456789"), FLAGS);
                ServiceProcess both = ServiceProcess.start("gateway-both", ROOT.resolve("gateway-service/target/gateway-service.jar"),
                        Map.of("GATEWAY_PORT", port(), "JWT_SECRET", DEV_JWT, "JWT_SECRET_FILE", file.toString()), FLAGS)) {
            assertThat(shortKey.awaitExit(EXIT_TIMEOUT)).isPresent();
            assertThat(shortKey.logText()).contains("INTERNAL_API_KEY is shorter than 32 bytes").doesNotContain("x".repeat(31));
            // HS256 needs 32 bytes in every profile
            assertThat(shortJwt.awaitExit(EXIT_TIMEOUT)).isPresent();
            assertThat(shortJwt.logText()).contains("JWT_SECRET must be at least 32 bytes, it has 20")
                    .doesNotContain("too-short-0123456789");
            assertThat(both.awaitExit(EXIT_TIMEOUT)).isPresent();
            assertThat(both.logText()).contains("Set JWT_SECRET or JWT_SECRET_FILE, not both")
                    .doesNotContain(Files.readString(file).strip());
            for (ServiceProcess process : List.of(shortKey, shortJwt, both)) {
                assertThat(process.logText()).as("a short report, no stack trace").contains("APPLICATION FAILED TO START")
                        .doesNotContainPattern("(?m)^\\s+at ");
            }
        }
    }

    @Test
    void secretsFromFilesRunTheWholeStackUnderProd() throws Exception {
        Map<String, String> environment = Map.of(
                "SPRING_PROFILES_ACTIVE", "prod",
                "MMO_PROFILE", "prod",
                "JWT_SECRET_FILE", secretFile("jwt_secret").toString(),
                "TICKET_SECRET_FILE", secretFile("ticket_secret").toString(),
                "INTERNAL_API_KEY_FILE", secretFile("internal_api_key").toString());
        try (BackendStack stack = BackendStack.start(ROOT, "gateway-prod",
                BackendStack.Options.defaults().withEnvironment(environment))) {
            // registering proves the map server and world-directory read the same internal key
            stack.startMapServer(1);
            AuthClient auth = new AuthClient(stack.authUrl());
            auth.register("prod_player", "correct-horse-prod");
            AuthClient.Character character = auth.createCharacter("Priya", "3");
            // the gateway verifies auth-service's JWT and signs a ticket the map server verifies
            try (GatewayClient gateway = GatewayClient.connect(stack.gatewayUrl(), auth.accessToken(), Duration.ofSeconds(10))) {
                MapAssignment assignment = gateway.enterWorld(character.id());
                try (MapClient map = MapClient.connect(assignment.mapIp(), assignment.mapPort(), assignment.ticket(),
                        Duration.ofSeconds(10), new MapListener() { })) {
                    assertThat(map.welcome().name).isEqualTo("Priya");
                }
            }
        }
    }

    private Path secretFile(String name) throws Exception {
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        return Files.writeString(dir.resolve(name), Base64.getEncoder().encodeToString(random) + "\n");
    }

    private static String port() throws Exception {
        return String.valueOf(ServiceProcess.freePort());
    }
}
