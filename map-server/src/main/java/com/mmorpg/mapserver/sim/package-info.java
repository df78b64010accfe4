/**
 * The world, owned by the tick thread: channels, entities, movement, mobs, combat, items, trades,
 * gates and the commands other threads submit ({@link com.mmorpg.mapserver.sim.World#submit}). It
 * knows no network, runtime, operations, replication or party lookup: it reaches them only through
 * its own ports ({@code PlayerLink}, {@code PlayerViews}, {@code CharacterSaves}, {@code ItemIds},
 * {@code TrafficCounter}). Every other package of the map server may use it; it uses none of them.
 */
package com.mmorpg.mapserver.sim;
