package com.mmorpg.content;

/** Stepping into {@code area} moves a player to {@code targetMap} at {@code target}. */
public record Gate(String name, TileRect area, int targetMap, Point target) {
}
