-- One schema for SQLite and PostgreSQL: TEXT, BIGINT (unix seconds) and random TEXT ids only.

CREATE TABLE facilities (
    kind        TEXT   NOT NULL,
    number      TEXT   NOT NULL,       -- canonical: 契012345678, or digits
    name        TEXT   NOT NULL,
    prefecture  TEXT   NOT NULL,
    status      TEXT   NOT NULL,       -- active | closed
    version     BIGINT NOT NULL,       -- the import that last changed the row
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (kind, number)
);
CREATE INDEX facilities_version ON facilities (version);

CREATE TABLE registrations (
    id               TEXT   PRIMARY KEY,
    receipt_hash     TEXT   NOT NULL UNIQUE,
    token_hash       TEXT   NOT NULL UNIQUE,
    email            TEXT   NOT NULL,
    family_name      TEXT   NOT NULL,
    given_name       TEXT   NOT NULL,
    facility_kind    TEXT   NOT NULL,
    facility_number  TEXT   NOT NULL,
    phone            TEXT   NOT NULL,
    password_hash    TEXT   NOT NULL,
    -- 1 when the address already had an account: answered like any other, never activates.
    decoy            BIGINT NOT NULL DEFAULT 0,
    created_at       BIGINT NOT NULL,
    expires_at       BIGINT NOT NULL,
    activated_at     BIGINT
);
CREATE INDEX registrations_email ON registrations (email);

CREATE TABLE accounts (
    email            TEXT   PRIMARY KEY,
    registration_id  TEXT   NOT NULL UNIQUE REFERENCES registrations (id),
    family_name      TEXT   NOT NULL,
    given_name       TEXT   NOT NULL,
    facility_kind    TEXT   NOT NULL,
    facility_number  TEXT   NOT NULL,
    phone            TEXT   NOT NULL,
    password_hash    TEXT   NOT NULL,
    created_at       BIGINT NOT NULL,
    failed_logins    BIGINT NOT NULL DEFAULT 0,
    locked_until     BIGINT
);

CREATE TABLE sessions (
    token_hash  TEXT   PRIMARY KEY,
    email       TEXT   NOT NULL REFERENCES accounts (email),
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX sessions_email ON sessions (email);

CREATE TABLE password_resets (
    token_hash  TEXT   PRIMARY KEY,
    email       TEXT   NOT NULL REFERENCES accounts (email),
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);

CREATE TABLE idempotency_keys (
    idem_key         TEXT   PRIMARY KEY,
    request_hash     TEXT   NOT NULL,
    response_status  BIGINT NOT NULL,
    response_body    TEXT   NOT NULL,
    created_at       BIGINT NOT NULL
);

-- Mail is written in the same transaction as what it reports, and delivered by a worker:
-- a crash between commit and send loses no mail, and a retried request sends none twice.
CREATE TABLE outbox (
    id               TEXT   PRIMARY KEY,
    recipient        TEXT   NOT NULL,
    subject          TEXT   NOT NULL,
    body             TEXT   NOT NULL,
    created_at       BIGINT NOT NULL,
    attempts         BIGINT NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT NOT NULL,
    sent_at          BIGINT,
    last_error       TEXT
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
