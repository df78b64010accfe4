/**
 * This server's entry in the world directory: registration with back-off, heartbeats, draining and
 * deregistration ({@link com.mmorpg.mapserver.directory.DirectoryRegistration}). Only the
 * composition root uses it; it uses {@code runtime} for its guarded background task.
 */
package com.mmorpg.mapserver.directory;
