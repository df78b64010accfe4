-- When ADMIN_USERNAME's account was made admin by the start-up bootstrap (created, or an admin already):
-- after that the bootstrap never promotes it again, so a demotion survives a restart.
ALTER TABLE accounts ADD COLUMN admin_bootstrapped_at timestamptz;
