-- The app's local store. No password is ever written here: drafts hold DraftFields only,
-- a queued submission's password waits in the OS keyring.

CREATE TABLE drafts (
    id                  TEXT    PRIMARY KEY,
    family_name         TEXT    NOT NULL DEFAULT '',
    given_name          TEXT    NOT NULL DEFAULT '',
    facility_kind       TEXT    NOT NULL DEFAULT '',
    judo_prefix         TEXT    NOT NULL DEFAULT '',
    registration_number TEXT    NOT NULL DEFAULT '',
    phone               TEXT    NOT NULL DEFAULT '',
    email               TEXT    NOT NULL DEFAULT '',
    terms_accepted      INTEGER NOT NULL DEFAULT 0,
    -- kind:canonical number once complete; one draft per facility.
    facility_key        TEXT,
    facility_name       TEXT,
    state               TEXT    NOT NULL DEFAULT 'draft',
    -- Fixed when queued and kept through every retry: the portal answers a repeat with
    -- the first answer, so one submission never makes two accounts.
    idempotency_key     TEXT,
    secret_held         INTEGER NOT NULL DEFAULT 0,
    receipt             TEXT,
    sent_to             TEXT,
    errors              TEXT    NOT NULL DEFAULT '[]',
    last_error          TEXT,
    attempts            INTEGER NOT NULL DEFAULT 0,
    next_attempt_at     INTEGER,
    revision            INTEGER NOT NULL DEFAULT 0,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
CREATE UNIQUE INDEX drafts_one_per_facility ON drafts (facility_key) WHERE facility_key IS NOT NULL;
CREATE INDEX drafts_due ON drafts (state, next_attempt_at);

CREATE TABLE facility_cache (
    kind       TEXT    NOT NULL,
    number     TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    prefecture TEXT    NOT NULL,
    active     INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    PRIMARY KEY (kind, number)
) WITHOUT ROWID;

-- One row: how far the cache is synced (a FacilityCursor) and from where.
CREATE TABLE facility_cache_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    version    INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    number     TEXT    NOT NULL,
    source     TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);
