/**
 * Characters and their leases: the player's character list and creation, the map servers' internal API (a lease
 * per live character, versioned state writes, map tickets). Owns the tables {@code characters},
 * {@code character_leases} and {@code used_map_tickets}. Other features use {@link com.mmorpg.auth.character.Characters}
 * (staff: lookups, kicks, unstuck, holding a character offline); {@code CharacterLeases} stays inside.
 */
package com.mmorpg.auth.character;
