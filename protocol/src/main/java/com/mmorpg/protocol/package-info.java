/**
 * The map server's wire protocol: KryoNet's framing and control messages, every game message as a
 * record laid out field by field, and their registration order ({@code Protocol}, frozen by a test;
 * the ids are the wire). All a game client needs to speak to a map server: the map server and the
 * client SDK use it; it depends on Kryo alone and on no module of this project.
 */
package com.mmorpg.protocol;
