-- Accounts, refresh tokens, world maps, character classes and characters.
-- Names are unique case-insensitively through indexes on lower(...).

CREATE TABLE accounts (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      varchar(20)  NOT NULL,
    password_hash varchar(100) NOT NULL,
    created_at    timestamptz  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX accounts_username_lower_key ON accounts (lower(username));

-- Opaque refresh tokens, stored only as SHA-256. One family per login; every refresh rotates the
-- token inside its family, and presenting a used token revokes the whole family.
CREATE TABLE refresh_tokens (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    family_id  uuid        NOT NULL,
    token_hash varchar(64) NOT NULL,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    revoked_at timestamptz
);
CREATE UNIQUE INDEX refresh_tokens_hash_key ON refresh_tokens (token_hash);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_account_idx ON refresh_tokens (account_id);

-- The maps of the world and where a new (or respawning) character appears on each, in world
-- units (pixels of the Godot client; tiles are 32 units). The map server's map files agree.
CREATE TABLE world_maps (
    id      integer PRIMARY KEY,
    name    varchar(64)      NOT NULL,
    spawn_x double precision NOT NULL,
    spawn_y double precision NOT NULL
);
INSERT INTO world_maps (id, name, spawn_x, spawn_y) VALUES
    (1, 'Greenfield Meadows', 400, 304),
    (2, 'Darkwood Forest',    208, 208);

-- Playable classes: level-1 stats and what every further level adds.
CREATE TABLE character_classes (
    id                integer PRIMARY KEY,
    name              varchar(32)      NOT NULL UNIQUE,
    description       varchar(500)     NOT NULL,
    hp                integer          NOT NULL CHECK (hp > 0),
    mp                integer          NOT NULL CHECK (mp >= 0),
    attack            integer          NOT NULL CHECK (attack >= 0),
    defense           integer          NOT NULL CHECK (defense >= 0),
    speed             double precision NOT NULL CHECK (speed > 0),
    attack_range      double precision NOT NULL CHECK (attack_range > 0),
    hp_per_level      integer          NOT NULL CHECK (hp_per_level >= 0),
    mp_per_level      integer          NOT NULL CHECK (mp_per_level >= 0),
    attack_per_level  integer          NOT NULL CHECK (attack_per_level >= 0),
    defense_per_level integer          NOT NULL CHECK (defense_per_level >= 0)
);
INSERT INTO character_classes
    (id, name, description, hp, mp, attack, defense, speed, attack_range,
     hp_per_level, mp_per_level, attack_per_level, defense_per_level) VALUES
    (1, 'Warrior', 'A sturdy melee fighter who shrugs off blows and holds the front line.',
        150, 30, 14, 8, 120, 48, 20, 3, 3, 2),
    (2, 'Mage', 'A fragile caster who strikes hard from a distance with arcane power.',
        90, 120, 18, 3, 110, 192, 9, 15, 4, 1),
    (3, 'Archer', 'A nimble ranged fighter who keeps enemies at arm''s length.',
        110, 60, 15, 5, 135, 256, 12, 6, 3, 1);

CREATE TABLE characters (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint           NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name       varchar(16)      NOT NULL,
    class_id   integer          NOT NULL REFERENCES character_classes (id),
    level      integer          NOT NULL DEFAULT 1 CHECK (level >= 1),
    exp        bigint           NOT NULL DEFAULT 0 CHECK (exp >= 0),
    map_id     integer          NOT NULL REFERENCES world_maps (id),
    pos_x      double precision NOT NULL,
    pos_y      double precision NOT NULL,
    hp         integer          NOT NULL CHECK (hp >= 0),
    max_hp     integer          NOT NULL CHECK (max_hp > 0),
    mp         integer          NOT NULL CHECK (mp >= 0),
    max_mp     integer          NOT NULL CHECK (max_mp >= 0),
    version    bigint           NOT NULL DEFAULT 0,
    created_at timestamptz      NOT NULL DEFAULT now(),
    updated_at timestamptz      NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX characters_name_lower_key ON characters (lower(name));
CREATE INDEX characters_account_idx ON characters (account_id);
