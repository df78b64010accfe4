/**
 * Party membership read from Redis off the tick thread ({@link
 * com.mmorpg.mapserver.party.PartyLookup}), handed to the world as commands so loot can be reserved
 * for the killer's party. Only the composition root uses it; it uses {@code sim}.
 */
package com.mmorpg.mapserver.party;
