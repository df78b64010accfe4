/**
 * Characters as auth-service stores them: {@link com.mmorpg.mapserver.character.LeaseKeeper} takes,
 * renews and hands over this server's leases, {@link
 * com.mmorpg.mapserver.character.CharacterPersistence} writes states in order under them (the world's
 * {@code CharacterSaves}), {@code ItemIdPool} hands out item ids. Used by the composition root,
 * {@code net} (loading at login) and {@code ops} (save metrics); uses {@code sim} and {@code runtime}.
 */
package com.mmorpg.mapserver.character;
