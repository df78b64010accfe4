-- The login session (refresh-token family) a lease's player entered with, so the end of that session
-- (logout, refresh-token reuse, revocation) removes the player from the map server; and why a lease's
-- player must leave (KICKED, BANNED, SESSION_REVOKED), told to its holder with kick_requested_at.
ALTER TABLE character_leases ADD COLUMN session_id text;
ALTER TABLE character_leases ADD COLUMN kick_reason text;
CREATE INDEX character_leases_session_idx ON character_leases (session_id) WHERE session_id IS NOT NULL;
