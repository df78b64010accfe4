package com.mmorpg.client.gateway;

import java.util.List;

/**
 * The player's party as it is now ({@code party_update}): {@code partyId} null when the player is in
 * none any more, with {@code reason} {@code left}, {@code kicked} or {@code disbanded}.
 */
public record PartyUpdate(String partyId, String leaderCharacterId, List<Member> members, String reason) {

    public record Member(String characterId, String name) {
    }
}
