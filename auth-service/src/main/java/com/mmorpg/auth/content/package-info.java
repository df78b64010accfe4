/**
 * The content folder in auth-service: read at start ({@code CONTENT_DIR}), its maps' spawn points and its
 * classes written into the database before anything reads them, and its version, which the gateway
 * names when it asks the directory for a map server. Writes the tables {@code world_maps} and
 * {@code character_classes} (the world and characterclass packages read them through JPA); before it removes a
 * map, class or item type it counts the {@code characters} and {@code items} still using it.
 */
package com.mmorpg.auth.content;
