package com.mmorpg.content;

/** A position in pixels. */
public record Point(float x, float y) {
}
