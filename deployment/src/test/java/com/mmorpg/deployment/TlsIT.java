package com.mmorpg.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mmorpg.client.auth.AuthClient;
import com.mmorpg.client.gateway.GatewayClient;
import com.mmorpg.client.gateway.GatewayException;
import com.mmorpg.client.gateway.MapAssignment;
import com.mmorpg.client.map.MapClient;
import com.mmorpg.client.map.MapListener;
import com.mmorpg.testsupport.BackendStack;
import com.mmorpg.testsupport.tls.SelfSignedCertificate;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production transport: auth-service and world-directory on HTTPS, the gateway on WSS, all with
 * a self-signed certificate made for this test, and the services (and a map server) calling each
 * other over HTTPS trusting that certificate through {@code TLS_TRUSTED_CERTIFICATES}.
 */
class TlsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    static Path dir;

    private static SelfSignedCertificate certificate;
    private static BackendStack stack;

    @BeforeAll
    static void start() throws Exception {
        certificate = SelfSignedCertificate.create(dir);
        stack = BackendStack.start(Path.of(".."), "gateway-tls", BackendStack.Options.defaults().withTls(certificate));
        stack.startMapServer(1); // registers with world-directory over HTTPS
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aPlayerGoesFromLoginToTheMapOverTlsOnly() {
        assertThat(stack.authUrl()).startsWith("https://");
        assertThat(stack.gatewayUrl()).startsWith("wss://");
        AuthClient auth = new AuthClient(stack.authUrl(), stack.http(), TIMEOUT);
        auth.register("tls_player", "correct-horse-tls");
        AuthClient.Character character = auth.createCharacter("Tessa", "1");

        try (GatewayClient gateway = GatewayClient.connect(stack.gatewayUrl(), auth.accessToken(), TIMEOUT, stack.http())) {
            // enter_world: the gateway asked auth-service and world-directory over HTTPS
            MapAssignment assignment = gateway.enterWorld(character.id());
            assertThat(assignment.mapId()).isEqualTo(1);
            try (MapClient map = MapClient.connect(assignment.mapIp(), assignment.mapPort(), assignment.ticket(), TIMEOUT,
                    new MapListener() { })) {
                // the map server loaded the character from auth-service over HTTPS
                assertThat(map.welcome().name).isEqualTo("Tessa");
            }
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() {
        HttpClient untrusting = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

        assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(URI.create(stack.authUrl() + "/character-classes"))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
        assertThatThrownBy(() -> GatewayClient.connect(stack.gatewayUrl(), "any-token", TIMEOUT, untrusting))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("UNREACHABLE"));
    }

    @Test
    void plainHttpOnTheTlsPortGetsNoService() throws Exception {
        // the same port answers over TLS, so whatever plain HTTP gets below is the TLS connector's doing
        HttpResponse<String> overTls = stack.http().send(HttpRequest.newBuilder(URI.create(stack.worldUrl() + "/actuator/health"))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(overTls.statusCode()).isEqualTo(200);
        assertThat(overTls.body()).contains("\"UP\"");

        // Plain HTTP in one write, read to the end: Tomcat's TLS connector sees it is not a ClientHello and
        // answers 400 in plain text, then closes (the request was read whole, so the close is no reset).
        URI tls = URI.create(stack.worldUrl());
        String answer;
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(tls.getHost(), tls.getPort()), (int) TIMEOUT.toMillis());
            plain.setSoTimeout((int) TIMEOUT.toMillis());
            plain.getOutputStream().write(("GET /actuator/health HTTP/1.1\r\nHost: " + tls.getHost() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            answer = new String(plain.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(answer).startsWith("HTTP/1.1 400 ").contains("This combination of host and port requires TLS.")
                .doesNotContain("\"UP\"");
    }
}
