-- Releases of the desktop app, served to its updater. The artifact is kept in the database
-- (a few MB each) so that SQLite and PostgreSQL deployments need no file store.
CREATE TABLE releases (
    target        TEXT   NOT NULL,
    arch          TEXT   NOT NULL,
    bundle        TEXT   NOT NULL,
    version       TEXT   NOT NULL,
    file_name     TEXT   NOT NULL,
    signature     TEXT   NOT NULL,
    notes         TEXT   NOT NULL,
    sha256        TEXT   NOT NULL,
    published_at  BIGINT NOT NULL,
    artifact      BYTEA  NOT NULL,
    PRIMARY KEY (target, arch, bundle, version)
);
