-- Support staff kicked the character's player: its map server saves it, releases the lease and
-- closes the connection with KICKED (the player may come back at once; a ban is what keeps one out).
ALTER TABLE character_leases ADD COLUMN kick_requested_at timestamptz;
CREATE INDEX character_leases_kick_idx ON character_leases (server_id) WHERE kick_requested_at IS NOT NULL;
