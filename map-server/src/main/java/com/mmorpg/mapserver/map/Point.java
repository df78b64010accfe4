package com.mmorpg.mapserver.map;

/** A position in pixels. */
public record Point(float x, float y) {
}
