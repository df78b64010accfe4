package com.mmorpg.auth.character;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.auth.AuthHttp;
import com.mmorpg.auth.AuthIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The end of a login session, or a ban, reaches the map server holding the character: the next
 * renewal lists the lease in {@code kicked} with its reason in {@code removed}; a banned account, or a
 * ticket of an ended session, gets no lease. On real PostgreSQL, over HTTP.
 */
@Timeout(60)
class LeaseRemovalTest extends AuthIntegrationTest {

    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

    @Autowired
    JdbcClient jdbc;

    /** Each test plays a map server of its own: a renewal lists every marked lease of its server. */
    private final String server = "map-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aLogoutRemovesTheCharacterThatEnteredWithThatSessionOnly() {
        String username = uniqueName("s", 14);
        AuthHttp.Response first = register(username, "correct-horse-1");
        AuthHttp.Response second = login(username);
        String firstCharacter = character(first.text("access_token"));
        String secondCharacter = character(second.text("access_token"));
        long firstLease = leaseId(lease(firstCharacter, jti(), sessionOf(first)));
        long secondLease = leaseId(lease(secondCharacter, jti(), sessionOf(second)));
        assertThat(renew(firstLease, secondLease).get("kicked")).isEmpty();

        assertThat(http.post("/auth/logout", "{\"refresh_token\":\"" + first.text("refresh_token") + "\"}").status())
                .isEqualTo(204);

        JsonNode renewed = renew(firstLease, secondLease);
        assertThat(renewed.get("kicked")).extracting(JsonNode::asLong).containsExactly(firstLease);
        assertThat(renewed.get("removed")).singleElement().satisfies(removal -> {
            assertThat(removal.get("lease_id").asLong()).isEqualTo(firstLease);
            assertThat(removal.get("code").asString()).isEqualTo("SESSION_REVOKED");
        });
        // A ticket of the ended session opens no new stay; the other session's still does.
        assertProblem(lease(firstCharacter, jti(), sessionOf(first)), 409, "SESSION_REVOKED");
        assertThat(lease(secondCharacter, jti(), sessionOf(second)).status()).isEqualTo(200);
    }

    @Test
    void aBanRemovesEveryCharacterOfTheAccountAndNoTicketOfItGetsALease() {
        String username = uniqueName("b", 14);
        AuthHttp.Response player = register(username, "correct-horse-1");
        String character = character(player.text("access_token"));
        long lease = leaseId(lease(character, jti(), sessionOf(player)));
        String admin = admin();

        AuthHttp.Response banned = http.post("/admin/accounts/" + player.text("user_id") + "/ban", "{\"reason\":\"test\"}", admin);
        assertThat(banned.status()).as(banned.body()).isEqualTo(200);

        JsonNode renewed = renew(lease);
        assertThat(renewed.get("kicked")).extracting(JsonNode::asLong).containsExactly(lease);
        assertThat(renewed.get("removed").get(0).get("code").asString()).isEqualTo("BANNED");
        // A ticket minted before the ban (the gateway no longer mints one) and one without a session alike.
        assertProblem(lease(character, jti(), sessionOf(player)), 409, "BANNED");
        assertProblem(lease(character, jti(), null), 409, "BANNED");

        assertThat(http.delete("/admin/accounts/" + player.text("user_id") + "/ban", admin).status()).isEqualTo(204);
        assertThat(lease(character, jti(), null).status()).as("after the ban is lifted").isEqualTo(200);
    }

    @Test
    void aBanOrASessionEndThatFoundNoLeaseToMarkIsFoundAtTheNextRenewal() {
        // Written straight to the database: as a ban or logout that committed while a grant of the
        // character was between its check and its commit, so its event had no lease to mark.
        AuthHttp.Response banned = register(uniqueName("r", 14), "correct-horse-1");
        long bannedLease = leaseId(lease(character(banned.text("access_token")), jti(), sessionOf(banned)));
        AuthHttp.Response loggedOut = register(uniqueName("o", 14), "correct-horse-1");
        long loggedOutLease = leaseId(lease(character(loggedOut.text("access_token")), jti(), sessionOf(loggedOut)));
        assertThat(renew(bannedLease, loggedOutLease).get("kicked")).isEmpty();

        jdbc.sql("UPDATE accounts SET banned_until = 'infinity' WHERE id = ?").param(Long.parseLong(banned.text("user_id")))
                .update();
        jdbc.sql("UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = CAST(? AS uuid)").param(sessionOf(loggedOut))
                .update();

        JsonNode renewed = renew(bannedLease, loggedOutLease);
        assertThat(renewed.get("kicked")).extracting(JsonNode::asLong).containsExactlyInAnyOrder(bannedLease, loggedOutLease);
        assertThat(renewed.get("removed")).extracting(removal -> removal.get("lease_id").asLong() + " " + removal.get("code").asString())
                .containsExactlyInAnyOrder(bannedLease + " BANNED", loggedOutLease + " SESSION_REVOKED");
    }

    @Test
    void aBanReachesALeaseThatLapsedWhileItsHolderCouldNotRenew() {
        AuthHttp.Response player = register(uniqueName("x", 14), "correct-horse-1");
        long lease = leaseId(lease(character(player.text("access_token")), jti(), sessionOf(player)));
        jdbc.sql("UPDATE character_leases SET expires_at = now() - interval '1 minute' WHERE lease_id = ?").param(lease).update();

        assertThat(http.post("/admin/accounts/" + player.text("user_id") + "/ban", "{\"reason\":\"test\"}", admin()).status())
                .isEqualTo(200);

        // The holder comes back (auth-service or its database was away longer than the TTL) and renews.
        JsonNode renewed = renew(lease);
        assertThat(renewed.get("lost")).isEmpty();
        assertThat(renewed.get("removed")).singleElement()
                .satisfies(removal -> assertThat(removal.get("code").asString()).isEqualTo("BANNED"));
    }

    private String admin() {
        String username = uniqueName("a", 14);
        register(username, "correct-horse-1");
        jdbc.sql("UPDATE accounts SET role = 'admin' WHERE username = ?").param(username).update();
        return login(username).text("access_token");
    }

    private AuthHttp.Response login(String username) {
        AuthHttp.Response response = http.post("/auth/login", "{\"username\":\"" + username + "\",\"password\":\"correct-horse-1\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    private String character(String accessToken) {
        AuthHttp.Response created = createCharacter(accessToken, uniqueName("C", 12), 1);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("id");
    }

    private static String sessionOf(AuthHttp.Response tokens) {
        String claims = new String(Base64.getUrlDecoder().decode(tokens.text("access_token").split("\\.")[1]),
                StandardCharsets.UTF_8);
        Matcher sid = SID.matcher(claims);
        assertThat(sid.find()).as(claims).isTrue();
        return sid.group(1);
    }

    private static String jti() {
        return UUID.randomUUID().toString();
    }

    private static long leaseId(AuthHttp.Response granted) {
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        return granted.json().get("lease_id").asLong();
    }

    private AuthHttp.Response lease(String characterId, String ticketJti, String sessionId) {
        return http.postInternal("/characters/" + characterId + "/internal/lease",
                "{\"server_id\":\"" + server + "\",\"map_id\":1,\"ticket_jti\":\"" + ticketJti + "\""
                        + (sessionId == null ? "" : ",\"session_id\":\"" + sessionId + "\"") + "}",
                AuthHttp.INTERNAL_KEY);
    }

    private JsonNode renew(long... leaseIds) {
        StringBuilder ids = new StringBuilder();
        for (long id : leaseIds) {
            ids.append(ids.isEmpty() ? "" : ",").append(id);
        }
        AuthHttp.Response response = http.postInternal("/internal/leases/renew",
                "{\"server_id\":\"" + server + "\",\"lease_ids\":[" + ids + "]}", AuthHttp.INTERNAL_KEY);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
