/**
 * The console's live map: frames of the world's entities that the tick thread copies every few
 * ticks while somebody watches ({@link com.mmorpg.mapserver.spectate.Spectators}). Built by the
 * composition root and served by {@code ops}; uses only {@code sim}.
 */
package com.mmorpg.mapserver.spectate;
