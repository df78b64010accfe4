/**
 * The composition root of one map server: {@link com.mmorpg.mapserver.MapServerMain} reads the
 * arguments and {@link com.mmorpg.mapserver.MapServerConfig} the environment, {@link
 * com.mmorpg.mapserver.MapServer} builds every package below and wires them, and takes them down in
 * order at shutdown. Nothing in the subpackages may use this package; tests and the bot start
 * servers through {@code MapServer.start}.
 */
package com.mmorpg.mapserver;
