-- The console's counts of recent logins and registrations read only the last hour.
CREATE INDEX account_logins_at_idx ON account_logins (at);
CREATE INDEX accounts_created_at_idx ON accounts (created_at);
