/**
 * Entering the world and moving between maps ({@code enter_world}, {@code join_map}): the owner
 * check with auth-service, the map server from world-directory, the signed single-use map ticket; and
 * this gateway's online sessions in world-directory. Used by {@code connection}; knows nothing of
 * sockets or chat.
 */
package com.mmorpg.gateway.world;
