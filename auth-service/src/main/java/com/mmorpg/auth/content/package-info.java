/**
 * The content folder in auth-service: read at start ({@code CONTENT_DIR}), its maps' spawn points and its
 * classes written into the database before anything reads them, and its version, which the gateway
 * names when it asks the directory for a map server.
 */
package com.mmorpg.auth.content;
