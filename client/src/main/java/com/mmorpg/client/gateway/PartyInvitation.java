package com.mmorpg.client.gateway;

/** Someone invites the player to a party ({@code party_invitation}); accept it with {@link GatewayClient#partyAccept}. */
public record PartyInvitation(String partyId, String fromCharacterId, String fromName, long expiresInSeconds) {
}
