package com.mmorpg.gateway.connection;

import static com.mmorpg.gateway.connection.GatewayProtocolTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.common.session.SessionRevoked;
import com.mmorpg.common.session.StaffNotice;
import com.mmorpg.common.token.AccessTokenCodec;
import com.mmorpg.common.token.SigningKeys;
import com.mmorpg.gateway.DependencyStub;
import com.mmorpg.gateway.WsClient;
import com.mmorpg.testsupport.SpringTestServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A connection lives as long as its session: a revocation announced by auth-service closes it at
 * once, a revoked token is refused at connect, and an access token that runs out closes it unless
 * the client sent a fresher one ({@code reauth}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "GATEWAY_ID=gateway-lifetime")
class SessionLifetimeTest {

    static final DependencyStub STUB = newStub();
    static final AtomicLong IDS = new AtomicLong(50_000);

    @DynamicPropertySource
    static void dependencies(DynamicPropertyRegistry registry) {
        registry.add("gateway.auth-service-url", STUB::url);
        registry.add("gateway.world-directory-url", STUB::url);
        SpringTestServers.redis(registry);
    }

    @AfterAll
    static void stopStub() {
        STUB.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    ConnectedPlayers players;

    @Test
    void aRevokedSessionsSocketIsClosedAtOnceAndOtherSessionsStay() {
        String user = nextId();
        String session = UUID.randomUUID().toString();
        WsClient client = connected(token(user, session, Duration.ofMinutes(15)));

        String markerUser = nextId();
        WsClient marker = connected(token(markerUser, UUID.randomUUID().toString(), Duration.ofMinutes(15)));
        redis.convertAndSend(SessionRevoked.CHANNEL, new SessionRevoked(user, "another-session", "logout", now()).encode());
        redis.convertAndSend(SessionRevoked.CHANNEL, "session_revoked " + user + " " + session + " not-a-reason 1");
        // Notices are handled in the order published: once the marker's socket is closed, the two above
        // were handled too, so what the client sees now is their whole effect.
        redis.convertAndSend(SessionRevoked.CHANNEL, new SessionRevoked(markerUser, SessionRevoked.ALL_SESSIONS, "ban", now())
                .encode());
        assertThat(marker.awaitClose().code()).isEqualTo(1008);
        assertThat(client.isClosed()).as("another session's logout and a malformed notice leave it open").isFalse();
        client.send("ping", "{}");
        assertThat(client.next().get("event").asString()).as("another session's logout leaves it alone").isEqualTo("pong");

        redis.convertAndSend(SessionRevoked.CHANNEL, new SessionRevoked(user, session, "logout", now()).encode());

        assertError(client.next(), "SESSION_REVOKED");
        WsClient.Close close = client.awaitClose();
        assertThat(close.code()).isEqualTo(1008);
        assertThat(close.reason()).isEqualTo("Session revoked");
    }

    @Test
    void aBanClosesEverySessionOfTheUser() {
        String user = nextId();
        WsClient client = connected(token(user, UUID.randomUUID().toString(), Duration.ofMinutes(15)));

        redis.convertAndSend(SessionRevoked.CHANNEL, new SessionRevoked(user, SessionRevoked.ALL_SESSIONS, "ban", now()).encode());

        assertError(client.next(), "SESSION_REVOKED");
        assertThat(client.awaitClose().code()).isEqualTo(1008);
    }

    @Test
    void aPlayerKickedByStaffIsClosedWithKickedAndOthersStayAndHearAnnouncements() {
        String kickedUser = nextId();
        String otherUser = nextId();
        WsClient kicked = connected(token(kickedUser, UUID.randomUUID().toString(), Duration.ofMinutes(15)));
        WsClient other = connected(token(otherUser, UUID.randomUUID().toString(), Duration.ofMinutes(15)));

        redis.convertAndSend(StaffNotice.CHANNEL, "kick not a user id!");
        redis.convertAndSend(StaffNotice.CHANNEL, new StaffNotice.Kick(kickedUser).encode());

        assertError(kicked.next(), "KICKED");
        WsClient.Close close = kicked.awaitClose();
        assertThat(close.code()).isEqualTo(1008);
        assertThat(close.reason()).isEqualTo("Kicked");

        redis.convertAndSend(StaffNotice.CHANNEL, new StaffNotice.Announcement("Maintenance at 03:00 UTC\nback at 03:15").encode());
        var announcement = other.next();
        assertThat(announcement.get("event").asString()).isEqualTo("announcement");
        assertThat(announcement.get("data").get("message").asString()).isEqualTo("Maintenance at 03:00 UTC back at 03:15");
        other.send("ping", "{}");
        assertThat(other.next().get("event").asString()).as("still connected").isEqualTo("pong");
    }

    @Test
    void aStillValidTokenOfARevokedSessionIsRefusedAtConnect() {
        String user = nextId();
        String session = UUID.randomUUID().toString();
        redis.opsForValue().set(SessionRevoked.sessionKey(session), "logout", Duration.ofMinutes(1));

        WsClient client = WsClient.connect(uri(token(user, session, Duration.ofMinutes(15))));

        WsClient.Close close = client.awaitClose();
        assertThat(close.code()).isEqualTo(1008);
        assertThat(close.reason()).isEqualTo("Session revoked");
        assertThat(client.pending()).isZero();
    }

    @Test
    void anExpiredTokenClosesTheSocketUnlessAFresherOneCameFirst() {
        String user = nextId();
        String session = UUID.randomUUID().toString();
        WsClient expiring = connected(token(user, session, Duration.ofSeconds(2)));

        assertError(expiring.next(), "SESSION_EXPIRED");
        WsClient.Close close = expiring.awaitClose();
        assertThat(close.code()).isEqualTo(1008);
        assertThat(close.reason()).isEqualTo("Session expired");

        // Long enough that a slow machine still sends the reauth before it runs out (then it must not matter).
        String shortLived = token(user, session, Duration.ofSeconds(8));
        Instant runsOut = Instant.now().plusSeconds(8);
        WsClient renewed = connected(shortLived);
        renewed.send("reauth", "{\"access_token\":\"" + token(user, session, Duration.ofMinutes(15)) + "\"}");
        JsonNode answer = renewed.next();
        assertThat(answer.get("event").asString()).as(answer.toString()).isEqualTo("reauth_success");
        assertThat(answer.get("data").get("expires_in").asLong()).isBetween(800L, 900L);

        await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().isAfter(runsOut.plusSeconds(2)));
        renewed.send("ping", "{}");
        assertThat(renewed.next().get("event").asString()).isEqualTo("pong");
        renewed.close();
    }

    @Test
    void reauthTakesOnlyAValidTokenOfTheSameUser() {
        String user = nextId();
        WsClient client = connected(token(user, "s", Duration.ofMinutes(15)));

        client.send("reauth", "{\"access_token\":\"" + token(nextId(), "s", Duration.ofMinutes(15)) + "\"}");
        assertError(client.next(), "FORBIDDEN");
        client.send("reauth", "{\"access_token\":\"garbage\"}");
        assertError(client.next(), "INVALID_TOKEN");
        client.send("reauth", "{\"access_token\":42}");
        assertError(client.next(), "INVALID_MESSAGE");

        String revoked = UUID.randomUUID().toString();
        redis.opsForValue().set(SessionRevoked.sessionKey(revoked), "logout", Duration.ofMinutes(1));
        client.send("reauth", "{\"access_token\":\"" + token(user, revoked, Duration.ofMinutes(15)) + "\"}");
        assertError(client.next(), "SESSION_REVOKED");
        assertThat(client.awaitClose().code()).isEqualTo(1008);
    }

    private WsClient connected(String token) {
        WsClient client = WsClient.connect(uri(token));
        assertThat(client.next().get("event").asString()).isEqualTo("welcome");
        return client;
    }

    private URI uri(String token) {
        return URI.create("ws://localhost:" + port + "/ws?token=" + token);
    }

    private static String token(String user, String session, Duration ttl) {
        return new AccessTokenCodec(SigningKeys.of("JWT_SECRET", GatewayProtocolTest.JWT_SECRET, null), ttl, Clock.systemUTC())
                .issue(user, session).token();
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private static String nextId() {
        return String.valueOf(IDS.incrementAndGet());
    }

    private static DependencyStub newStub() {
        try {
            return new DependencyStub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
