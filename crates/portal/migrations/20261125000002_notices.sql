-- お知らせ: notices the portal shows on its top page.
CREATE TABLE notices (
    id            TEXT   PRIMARY KEY,
    published_at  BIGINT NOT NULL,
    title         TEXT   NOT NULL,
    body          TEXT   NOT NULL
);
CREATE INDEX notices_published ON notices (published_at);
