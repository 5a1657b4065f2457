-- Failed logins per account and client network: a stranger's failures lock out only the
-- stranger's network. account_key is the SHA-256 of the address (fixed size), network an
-- IPv4 address or an IPv6 /64.
CREATE TABLE login_failures (
    account_key   TEXT   NOT NULL,
    network       TEXT   NOT NULL,
    failures      BIGINT NOT NULL,
    locked_until  BIGINT,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (account_key, network)
);
CREATE INDEX login_failures_updated ON login_failures (updated_at);

-- Mail that carries a link is stored without it: `kind` says which mail to make at send
-- time, `ref_id` of what (a registration); the token is minted then, so none rests here.
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'plain';
ALTER TABLE outbox ADD COLUMN ref_id TEXT;
-- Set when delivery was given up after too many attempts.
ALTER TABLE outbox ADD COLUMN gave_up_at BIGINT;

-- Resending the activation mail: when the last mail was asked for, and how often today.
ALTER TABLE registrations ADD COLUMN resend_at BIGINT;
ALTER TABLE registrations ADD COLUMN resend_day BIGINT NOT NULL DEFAULT 0;
ALTER TABLE registrations ADD COLUMN resends BIGINT NOT NULL DEFAULT 0;

CREATE INDEX password_resets_email ON password_resets (email);
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE INDEX idempotency_created ON idempotency_keys (created_at);
