/**
 * Everything of support staff in world-directory: the {@link com.mmorpg.worlddirectory.staff.StaffGate} on
 * {@code /admin/**} (auth-service says whose a bearer token is; actions are audited there), the staff routes over
 * servers, content, sessions and errors, and the operations console at {@code /console} with its relay to
 * auth-service's staff API. Calls the registry and session packages; neither calls it. Owns no Redis key.
 */
package com.mmorpg.worlddirectory.staff;
