/**
 * world-directory: the map servers' registry and allocation, the online sessions of the gateways, and the staff
 * routes and console, one package each. Here: the application and {@link com.mmorpg.worlddirectory.DirectoryProperties}
 * ({@code directory.*}), which every package may read. It keeps its state in Redis, no database.
 */
package com.mmorpg.worlddirectory;
