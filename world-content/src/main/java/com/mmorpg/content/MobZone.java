package com.mmorpg.content;

/** Where {@code count} mobs of type {@code mob} live and respawn. */
public record MobZone(String mob, int count, TileRect area) {
}
