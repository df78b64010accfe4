-- Staff roles (support staff act through the operations console), the audit of every staff action,
-- and each account's recent logins (what support staff look at first).
ALTER TABLE accounts
    ADD COLUMN role varchar(8) NOT NULL DEFAULT 'player'
        CONSTRAINT accounts_role_check CHECK (role IN ('player', 'gm', 'admin'));

CREATE TABLE staff_audit (
    id         bigserial PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    actor_id   bigint      NOT NULL REFERENCES accounts (id),
    actor_name varchar(20) NOT NULL,
    action     varchar(32) NOT NULL,
    target     varchar(64),
    detail     varchar(300),
    address    varchar(64)
);
CREATE INDEX staff_audit_at_idx ON staff_audit (at DESC, id DESC);

CREATE TABLE account_logins (
    id         bigserial PRIMARY KEY,
    account_id bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    at         timestamptz NOT NULL DEFAULT now(),
    address    varchar(64) NOT NULL
);
CREATE INDEX account_logins_account_idx ON account_logins (account_id, id DESC);
