-- Items. Every instance has a unique id, handed out by item_ids in blocks of 1,000 (one nextval is one
-- block: a map server asks for a block and gives its ids to the items it creates), and belongs to
-- exactly one character: a second owner is a primary-key conflict, not a duplicate. Slots 0-29 are
-- the bag, 100-103 what is worn (weapon, head, body, feet). Items are written with the character's
-- state, under its lease, in the same transaction; characters.item_seq is the last ledger event of
-- the character applied, so a write sent twice applies its events once.
CREATE SEQUENCE item_ids INCREMENT BY 1000;
CREATE TABLE items (
    id           bigint   PRIMARY KEY,
    character_id bigint   NOT NULL REFERENCES characters (id),
    type_id      integer  NOT NULL,
    quantity     integer  NOT NULL CHECK (quantity > 0),
    slot         smallint NOT NULL CHECK (slot BETWEEN 0 AND 29 OR slot BETWEEN 100 AND 103),
    CONSTRAINT items_character_slot_key UNIQUE (character_id, slot) DEFERRABLE INITIALLY DEFERRED
);
ALTER TABLE characters ADD COLUMN item_seq bigint NOT NULL DEFAULT 0;

-- Append-only: every creation (from_character NULL: loot, grant, a split's new stack, a pickup from the
-- ground), move between characters (trade) and destruction (to_character NULL: use, destroy, drop onto
-- the ground, merge, staff removal, a deleted character). Replaying an item's rows gives where it is
-- and how many: the items table, exactly.
CREATE TABLE item_ledger (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id        bigint      NOT NULL,
    type_id        integer     NOT NULL,
    quantity       integer     NOT NULL CHECK (quantity > 0),
    from_character bigint,
    to_character   bigint,
    reason         varchar(16) NOT NULL,
    server_id      varchar(64),
    at             timestamptz NOT NULL DEFAULT now(),
    CHECK (from_character IS NOT NULL OR to_character IS NOT NULL)
);
CREATE INDEX item_ledger_item_idx ON item_ledger (item_id);
CREATE INDEX item_ledger_from_idx ON item_ledger (from_character) WHERE from_character IS NOT NULL;
CREATE INDEX item_ledger_to_idx ON item_ledger (to_character) WHERE to_character IS NOT NULL;
