package com.mmorpg.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mmorpg.client.auth.AuthClient;
import com.mmorpg.client.gateway.GatewayClient;
import com.mmorpg.client.gateway.GatewayException;
import com.mmorpg.client.gateway.MapAssignment;
import com.mmorpg.client.map.MapClient;
import com.mmorpg.client.map.MapListener;
import com.mmorpg.client.map.MapRejectedException;
import com.mmorpg.testsupport.BackendStack;
import com.mmorpg.testsupport.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rotating {@code JWT_SECRET} and {@code TICKET_SECRET} without downtime, on the packaged jars: a
 * rotated instance (new secret current, old one as {@code *_PREVIOUS}) still accepts what the old
 * instances signed, and signs with the new secret only, which instances that do not know it yet
 * refuse. Old and rotated instances run side by side, as during a rolling update.
 */
class SecretRotationIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration START = Duration.ofSeconds(120);
    private static final String JWT_OLD = "rotation-test-jwt-secret-old-0123456789abcdef";
    private static final String JWT_NEW = "rotation-test-jwt-secret-new-0123456789abcdef";
    private static final String TICKET_OLD = "rotation-test-ticket-secret-old-0123456789abcdef";
    private static final String TICKET_NEW = "rotation-test-ticket-secret-new-0123456789abcdef";

    /** GET /characters with {@code token} and no automatic refresh: the status the token alone earns. */
    private static int charactersStatus(String authUrl, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(authUrl + "/characters"))
                .header("Authorization", "Bearer " + token).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void rotatedInstancesAcceptThePreviousSecretAndSignWithTheNewOne() throws Exception {
        try (BackendStack stack = BackendStack.start(Path.of(".."), "gateway-old", BackendStack.Options.defaults()
                .withEnvironment(Map.of("JWT_SECRET", JWT_OLD, "TICKET_SECRET", TICKET_OLD)))) {
            ServiceProcess oldMapServer = stack.startMapServer(1);
            AuthClient oldAuth = new AuthClient(stack.authUrl());
            oldAuth.register("rotation_player", "correct-horse-rotation");
            AuthClient.Character character = oldAuth.createCharacter("Rhea", "1");
            String oldToken = oldAuth.accessToken();

            int rotatedAuthPort = ServiceProcess.freePort();
            int rotatedGatewayPort = ServiceProcess.freePort();
            Map<String, String> rotated = Map.of("JWT_SECRET", JWT_NEW, "JWT_SECRET_PREVIOUS", JWT_OLD,
                    "TICKET_SECRET", TICKET_NEW, "TICKET_SECRET_PREVIOUS", TICKET_OLD);
            String rotatedAuthUrl = "http://127.0.0.1:" + rotatedAuthPort;
            stack.startAuthService(rotatedAuthPort, rotated).awaitHealthy(rotatedAuthUrl, START);
            stack.startGateway(rotatedGatewayPort, "gateway-new", rotated)
                    .awaitHealthy("http://127.0.0.1:" + rotatedGatewayPort, START);
            String rotatedGatewayUrl = "ws://127.0.0.1:" + rotatedGatewayPort;

            // JWT: the rotated auth-service accepts the old token and signs new ones with the new secret
            AuthClient rotatedAuth = new AuthClient(rotatedAuthUrl);
            rotatedAuth.login("rotation_player", "correct-horse-rotation");
            String newToken = rotatedAuth.accessToken();
            assertThat(charactersStatus(rotatedAuthUrl, oldToken)).as("old token, rotated instance").isEqualTo(200);
            assertThat(charactersStatus(rotatedAuthUrl, newToken)).as("new token, rotated instance").isEqualTo(200);
            assertThat(charactersStatus(stack.authUrl(), oldToken)).as("old token, old instance").isEqualTo(200);
            assertThat(charactersStatus(stack.authUrl(), newToken)).as("new token, old instance").isEqualTo(401);

            // JWT at the gateway: the rotated one takes both tokens, the old one only the old token
            GatewayClient.connect(rotatedGatewayUrl, oldToken, TIMEOUT).close();
            assertThatThrownBy(() -> GatewayClient.connect(stack.gatewayUrl(), newToken, TIMEOUT))
                    .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("CLOSED_1008"));

            // Tickets: the rotated gateway signs with the new secret, which the old map server refuses
            try (GatewayClient gateway = GatewayClient.connect(rotatedGatewayUrl, newToken, TIMEOUT)) {
                MapAssignment assignment = gateway.enterWorld(character.id());
                assertThatThrownBy(() -> MapClient.connect(assignment.mapIp(), assignment.mapPort(), assignment.ticket(),
                        TIMEOUT, new MapListener() { }))
                        .isInstanceOfSatisfying(MapRejectedException.class, e -> assertThat(e.code()).isEqualTo("TICKET_INVALID"));
            }

            // ... and a rotated map server accepts tickets from both gateways
            assertThat(oldMapServer.terminate(Duration.ofSeconds(15))).isTrue();
            stack.startMapServer(1, Map.of("TICKET_SECRET", TICKET_NEW, "TICKET_SECRET_PREVIOUS", TICKET_OLD));
            for (String gatewayUrl : new String[] {stack.gatewayUrl(), rotatedGatewayUrl}) {
                try (GatewayClient gateway = GatewayClient.connect(gatewayUrl, oldToken, TIMEOUT)) {
                    MapAssignment assignment = gateway.enterWorld(character.id());
                    try (MapClient map = MapClient.connect(assignment.mapIp(), assignment.mapPort(), assignment.ticket(),
                            TIMEOUT, new MapListener() { })) {
                        assertThat(map.welcome().name).as("ticket from " + gatewayUrl).isEqualTo("Rhea");
                    }
                }
            }
        }
    }
}
