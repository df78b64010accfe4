/**
 * Many bots' map connections on a few Netty event loops, speaking the map server's wire with the
 * {@code protocol} module's codec (walking, attacking, and with items hunting, looting and trading).
 * Driven by {@code bot load}; knows nothing of the bot commands.
 */
package com.mmorpg.bot.swarm;
