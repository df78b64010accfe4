package com.mmorpg.bot;

import com.mmorpg.client.auth.ApiException;
import com.mmorpg.common.internal.CharacterRecord;
import com.mmorpg.common.internal.CharacterStates;
import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.Leases;
import com.mmorpg.common.internal.ServiceUnavailableException;
import java.net.http.HttpClient;
import java.time.Duration;

/** {@code bot load --maps}: bots' characters put on other maps through auth-service's internal API. */
final class CharacterMover {

    private final String authUrl;
    private final String internalApiKey;
    private final HttpClient http;

    /** {@code internalApiKey}: the stack's {@code INTERNAL_API_KEY}, or null (then a move is refused). */
    CharacterMover(String authUrl, String internalApiKey, HttpClient http) {
        this.authUrl = authUrl;
        this.internalApiKey = internalApiKey;
        this.http = http;
    }

    /**
     * Puts a bot's character on {@code mapId} (a new one, or one a gate took elsewhere in an earlier
     * run) through auth-service's internal API, as an operator tool would: it takes the character's
     * lease like a map server (retrying while a map server still hands it over), writes the new map
     * with the version it got, saved as "dead" so the map server brings it in at that map's spawn
     * point, and releases the lease in the same write. Needs the stack's {@code INTERNAL_API_KEY}.
     */
    void moveToMap(String characterId, int mapId) {
        InternalClient auth = internalAuth();
        try {
            CharacterRecord character = expect(auth.send("GET", CharacterStates.characterPath(characterId), null))
                    .as(CharacterRecord.class);
            Leases.Grant lease = null;
            for (int attempt = 1; lease == null; attempt++) {
                InternalClient.Reply reply = auth.send("POST", Leases.leasePath(characterId),
                        new Leases.Request("bot-load", character.mapNumber(), java.util.UUID.randomUUID().toString(), null));
                if (reply.isSuccess()) {
                    lease = reply.as(Leases.Grant.class);
                } else if (reply.code().equals("CHARACTER_IN_WORLD") && attempt < 40) {
                    LoadRun.sleepUntil(System.nanoTime() + 250_000_000L);
                } else {
                    expect(reply);
                }
            }
            CharacterRecord stored = lease.character();
            expect(auth.send("PUT", CharacterStates.statePath(characterId), new CharacterStates.Update(mapId,
                    new CharacterRecord.Position(0, 0), 0, stored.mp(), stored.level(), stored.exp(), stored.version(),
                    lease.leaseId(), true)));
        } catch (ServiceUnavailableException e) {
            throw new ApiException(0, "UNREACHABLE", e.getMessage());
        }
    }

    /** auth-service's internal API with the stack's key; the bot holds no key of its own. */
    private InternalClient internalAuth() {
        if (internalApiKey == null) {
            throw new ApiException(0, "INTERNAL_API_KEY_MISSING", LoadOptions.MISSING_KEY);
        }
        return new InternalClient("auth-service", authUrl, internalApiKey, Duration.ofSeconds(10), http);
    }

    private static InternalClient.Reply expect(InternalClient.Reply reply) {
        if (!reply.isSuccess()) {
            throw new ApiException(reply.status(), reply.code().isEmpty() ? "INTERNAL" : reply.code(),
                    reply.path() + " answered " + reply.status());
        }
        return reply;
    }
}
