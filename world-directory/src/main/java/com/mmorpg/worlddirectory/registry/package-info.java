/**
 * The map-server registry ({@code /map-registry/...}, map servers with {@code X-Internal-Key}): registration,
 * heartbeats with a TTL, allocation of a live server per map, drains, and the relayed live-map views. Owns the Redis
 * keys of servers ({@code map-server-*}, {@code registry:servers}, {@code registry:drained}, the per-map indexes).
 * The staff package uses {@link com.mmorpg.worlddirectory.registry.MapServerRegistry} and
 * {@link com.mmorpg.worlddirectory.registry.MapServerViews}; this package knows nothing of staff.
 */
package com.mmorpg.worlddirectory.registry;
