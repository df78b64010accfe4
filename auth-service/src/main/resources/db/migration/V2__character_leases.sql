-- One live copy of every character. The map server that simulates a character holds its lease:
-- granted when a player with a valid ticket arrives, renewed by the holder (and by every save it
-- makes), released by the save that ends the stay (leave, gate, shutdown), and taken over by anyone
-- once expired (a crashed holder). State writes are accepted only from the holder.
CREATE SEQUENCE character_lease_ids;
CREATE TABLE character_leases (
    character_id          bigint PRIMARY KEY REFERENCES characters (id) ON DELETE CASCADE,
    lease_id              bigint      NOT NULL UNIQUE,
    server_id             varchar(64) NOT NULL,
    granted_at            timestamptz NOT NULL,
    expires_at            timestamptz NOT NULL,
    -- Another server asked for the character (a newer login): the holder saves and releases.
    handover_requested_at timestamptz
);
CREATE INDEX character_leases_server_idx ON character_leases (server_id);
CREATE INDEX character_leases_handover_idx ON character_leases (server_id) WHERE handover_requested_at IS NOT NULL;

-- Map tickets already redeemed, by jti: a ticket opens one stay, across every map server and every
-- restart. Kept well past any ticket's lifetime, then purged.
CREATE TABLE used_map_tickets (
    jti          varchar(64) PRIMARY KEY,
    character_id bigint      NOT NULL,
    server_id    varchar(64) NOT NULL,
    used_at      timestamptz NOT NULL
);
CREATE INDEX used_map_tickets_used_at_idx ON used_map_tickets (used_at);
