/**
 * The studio's content folder: reading it (our map JSON and Tiled's), checking it with every problem's
 * file and place, and its version. Plain Java; every server and {@code scripts/content.sh} use it, and it
 * uses no other module.
 */
package com.mmorpg.content;
