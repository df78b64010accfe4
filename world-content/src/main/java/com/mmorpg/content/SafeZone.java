package com.mmorpg.content;

/** An area where nobody fights: attacks from or on an entity inside it are refused (a town, a shrine). */
public record SafeZone(String name, TileRect area) {
}
