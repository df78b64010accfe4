/**
 * Online sessions ({@code /session/...}, gateways with {@code X-Internal-Key}): which gateway each user is online
 * through, kept alive by the gateways' refreshes, with a TTL. Owns the Redis keys {@code sessions:online} and each
 * user's session hash. The staff package uses {@link com.mmorpg.worlddirectory.session.OnlineSessions}; this package
 * knows nothing of staff.
 */
package com.mmorpg.worlddirectory.session;
