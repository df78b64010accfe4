-- Account bans (set through the internal API: the operations console), and an index for pruning
-- used refresh tokens, which are kept only for a short window after their rotation.
ALTER TABLE accounts
    ADD COLUMN banned_until timestamptz,
    ADD COLUMN ban_reason   varchar(200);

CREATE INDEX refresh_tokens_used_idx ON refresh_tokens (used_at) WHERE used_at IS NOT NULL;
