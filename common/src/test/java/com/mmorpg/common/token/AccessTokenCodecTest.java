package com.mmorpg.common.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AccessTokenCodecTest {

    private static final String SECRET = "test-secret-0123456789abcdef0123456789";
    private static final String OTHER = "other-secret-0123456789abcdef012345678";
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private final AccessTokenCodec codec = codec(SECRET, null, NOW);

    @Test
    void issuedTokenVerifiesWithSeedClaims() throws Exception {
        AccessTokenCodec.AccessToken issued = codec.issue("42");

        AccessTokenCodec.AccessToken verified = codec.verify(issued.token());

        assertThat(verified.userId()).isEqualTo("42");
        assertThat(verified.jti()).isEqualTo(issued.jti());
        assertThat(verified.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        String payload = new String(Base64.getUrlDecoder().decode(issued.token().split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"userId\":\"42\"").contains("\"sub\":\"42\"").contains("\"iat\":").contains("\"exp\":");
        String header = new String(Base64.getUrlDecoder().decode(issued.token().split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"alg\":\"HS256\"");
        assertThat(verified.sessionId()).isNull();
    }

    @Test
    void theLoginSessionTravelsInTheSidClaim() throws Exception {
        AccessTokenCodec.AccessToken issued = codec.issue("42", "family-7");

        assertThat(codec.verify(issued.token()).sessionId()).isEqualTo("family-7");
        assertThat(issued.sessionId()).isEqualTo("family-7");
    }

    @Test
    void staffTokensCarryTheirRoleAndPlayersNone() throws Exception {
        AccessTokenCodec.AccessToken gm = codec.issue("42", "family-7", Role.GM);
        String player = codec.issue("43", "family-8").token();

        assertThat(codec.verify(gm.token()).role()).isEqualTo(Role.GM);
        assertThat(new String(Base64.getUrlDecoder().decode(gm.token().split("\\.")[1]), StandardCharsets.UTF_8))
                .contains("\"role\":\"gm\"");
        assertThat(codec.verify(player).role()).isEqualTo(Role.PLAYER);
        assertThat(new String(Base64.getUrlDecoder().decode(player.split("\\.")[1]), StandardCharsets.UTF_8))
                .doesNotContain("role");
        assertThat(Role.ADMIN.atLeast(Role.GM)).isTrue();
        assertThat(Role.GM.atLeast(Role.ADMIN)).isFalse();
        assertThat(Role.of("admin")).contains(Role.ADMIN);
        assertThat(Role.of("ADMIN")).isEmpty();
    }

    @Test
    void aRoleNobodyKnowsMakesTheTokenMalformed() {
        String forged = io.jsonwebtoken.Jwts.builder().subject("1").claim("userId", "1").claim("role", "god")
                .issuedAt(java.util.Date.from(NOW)).expiration(java.util.Date.from(NOW.plusSeconds(60)))
                .signWith(io.jsonwebtoken.security.Keys.hmacShaKeyFor(SECRET.getBytes(StandardCharsets.UTF_8)),
                        io.jsonwebtoken.Jwts.SIG.HS256)
                .compact();

        assertThatThrownBy(() -> codec.verify(forged)).isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("unknown role");
    }

    @Test
    void expiredTokenIsRefused() {
        String token = codec.issue("42").token();
        AccessTokenCodec later = codec(SECRET, null, NOW.plus(Duration.ofMinutes(16)));

        assertThatThrownBy(() -> later.verify(token)).isInstanceOf(InvalidTokenException.class).hasMessage("expired");
    }

    @Test
    void tokenSignedWithAnotherSecretIsRefused() {
        String forged = codec(OTHER, null, NOW).issue("1").token();

        assertThatThrownBy(() -> codec.verify(forged)).isInstanceOf(InvalidTokenException.class).hasMessage("bad signature");
    }

    @Test
    void unsignedAlgNoneTokenIsRefused() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = b64("{\"userId\":\"1\",\"sub\":\"1\",\"iat\":" + NOW.getEpochSecond() + ",\"exp\":" + (NOW.getEpochSecond() + 600) + "}");

        assertThatThrownBy(() -> codec.verify(header + "." + payload + ".")).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void tamperedPayloadIsRefused() {
        String[] parts = codec.issue("42").token().split("\\.");
        String tampered = parts[0] + "." + b64("{\"userId\":\"1\",\"sub\":\"1\",\"iat\":1,\"exp\":9999999999}") + "." + parts[2];

        assertThatThrownBy(() -> codec.verify(tampered)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void garbageAndEmptyAreRefused() {
        assertThatThrownBy(() -> codec.verify("not-a-jwt")).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> codec.verify("")).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> codec.verify(null)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> codec.verify("a".repeat(10_000))).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void previousSecretStillVerifiesAfterRotation() throws Exception {
        String oldToken = codec(OTHER, null, NOW).issue("7").token();
        AccessTokenCodec rotated = codec(SECRET, OTHER, NOW);

        assertThat(rotated.verify(oldToken).userId()).isEqualTo("7");
        assertThat(rotated.verify(rotated.issue("8").token()).userId()).isEqualTo("8");
    }

    @Test
    void shortSecretIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> SigningKeys.of("JWT_SECRET", "short", null))
                .hasMessageContaining("JWT_SECRET must be at least 32 bytes");
    }

    private static AccessTokenCodec codec(String secret, String previous, Instant now) {
        return new AccessTokenCodec(SigningKeys.of("JWT_SECRET", secret, previous), Duration.ofMinutes(15),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
