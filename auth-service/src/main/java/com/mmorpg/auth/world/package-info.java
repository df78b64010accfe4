/**
 * The world's maps as auth-service keeps them: each map's spawn point, where new and stuck characters are put
 * ({@link com.mmorpg.auth.world.WorldMaps}, used by the character feature). Maps {@code world_maps} read-only
 * through JPA; the content sync ({@code com.mmorpg.auth.content}) is what writes that table.
 */
package com.mmorpg.auth.world;
