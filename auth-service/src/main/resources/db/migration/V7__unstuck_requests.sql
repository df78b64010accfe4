-- Support staff want a character that is in the world back on its map's spawn point: its map server
-- hears it at its next poll (within a second) and moves it; the request is then cleared.
ALTER TABLE character_leases ADD COLUMN unstuck_requested_at timestamptz;
