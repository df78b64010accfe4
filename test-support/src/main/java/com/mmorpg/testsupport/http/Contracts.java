package com.mmorpg.testsupport.http;

import com.mmorpg.common.internal.CharacterRecord;
import com.mmorpg.common.internal.CharacterStates;
import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.Items;
import com.mmorpg.common.internal.Leases;
import com.mmorpg.common.internal.MapRegistry;
import com.mmorpg.common.internal.Sessions;
import java.time.Instant;

/**
 * What a stand-in for auth-service or world-directory ({@link HttpStub}) answers and reads: the
 * internal contract records of {@code com.mmorpg.common.internal}, on the wire as the services
 * write them, so a stub can never answer what the real service would not.
 */
public final class Contracts {

    private Contracts() {
    }

    /** A warrior with the growth of class 1; defense 8 unless said. */
    public static CharacterRecord character(String id, String userId, String name, int mapId, double x, double y, int level,
            long exp, int hp, int maxHp, int mp, int maxMp, long version, int attack, int defense) {
        return new CharacterRecord(id, userId, name, level, exp, "1", "Warrior", Integer.toString(mapId),
                new CharacterRecord.Position(x, y), hp, maxHp, mp, maxMp, version,
                new CharacterRecord.Stats(attack, defense, 120.0, 48.0), new CharacterRecord.Growth(20, 3, 3, 2), null);
    }

    /** A level 3 warrior on map 1 at version 4. */
    public static CharacterRecord hero(String id, String userId, double x, double y) {
        return character(id, userId, "Hero" + id, 1, x, y, 3, 450, 120, 190, 30, 36, 4, 20, 12);
    }

    /** auth-service's answer to a lease request: the lease and the character. */
    public static String granted(CharacterRecord character, long leaseId) {
        return json(new Leases.Grant(leaseId, "map-server-1", Instant.parse("2030-01-01T00:00:00Z"), false, character,
                Items.Held.NONE));
    }

    /** auth-service's answer to a renewal: which leases are lost and which newer logins want. */
    public static String renewed(java.util.List<Long> lost, java.util.List<Long> handover) {
        return renewed(lost, handover, java.util.List.of());
    }

    /** The same, with the leases whose players support staff kicked. */
    public static String renewed(java.util.List<Long> lost, java.util.List<Long> handover, java.util.List<Long> kicked) {
        return json(new Leases.Renewed(Instant.parse("2030-01-01T00:00:00Z"), lost, handover, kicked, java.util.List.of(),
                java.util.List.of()));
    }

    /** auth-service's answer to a renewal asking for these characters on their spawn points. */
    public static String unstuck(java.util.List<Long> leases) {
        return json(new Leases.Renewed(Instant.parse("2030-01-01T00:00:00Z"), java.util.List.of(), java.util.List.of(),
                java.util.List.of(), leases, java.util.List.of()));
    }

    public static String saved(String id, long version) {
        return json(new CharacterStates.Saved(id, version));
    }

    /** world-directory's answer for a map: the map server a player goes to. */
    public static String allocation(String serverId, String ip, int port, int currentPlayers, int maxPlayers) {
        return json(new MapRegistry.Allocation(serverId, serverId, ip, port, currentPlayers, maxPlayers));
    }

    /** world-directory's answer to {@code /session/online}. */
    public static String online(long since, String replacedGateway) {
        return json(new Sessions.OnlineReply(since, replacedGateway));
    }

    /** world-directory's answer to {@code /session/refresh}. */
    public static String refreshed(java.util.List<String> lost) {
        return json(new Sessions.RefreshReply(0, lost, java.util.List.of()));
    }

    /** auth-service's answer to {@code GET /admin/me} for a staff token. */
    public static String staff(long userId, String username, String role) {
        return json(new com.mmorpg.common.internal.StaffContracts.Member(userId, username, role));
    }

    public static String json(Object record) {
        return InternalClient.JSON.writeValueAsString(record);
    }

    /** A map server's state write, as auth-service reads it. */
    public static CharacterStates.Update update(String body) {
        return InternalClient.JSON.readValue(body, CharacterStates.Update.class);
    }
}
