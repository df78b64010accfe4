/**
 * The OpenAPI document of world-directory (the internal key scheme, the staff bearer scheme). Configuration only:
 * no one calls it, and it owns no Redis key.
 */
package com.mmorpg.worlddirectory.apidocs;
