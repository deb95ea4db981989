-- Up Migration
-- Upstream records the adapter could not map to facts (a value the catalog refuses, a field
-- missing): kept with the reason so the feed can go on for every other citizen, shown to
-- operators, retried after a fix. One row per record version; a later version that maps, or a
-- successful retry, resolves it (kept, with when and how).
CREATE TABLE quarantined_records (
  id             bigserial PRIMARY KEY,
  feed           text NOT NULL,
  subject        text NOT NULL,
  version        text NOT NULL,
  -- Where the feed read it (the change cursor), empty for a bulk-sync page.
  position       text NOT NULL DEFAULT '',
  reason_code    text NOT NULL,
  reason         text NOT NULL,
  field          text,
  record         jsonb NOT NULL,
  attempts       integer NOT NULL DEFAULT 1,
  quarantined_at timestamptz NOT NULL DEFAULT now(),
  last_tried_at  timestamptz NOT NULL DEFAULT now(),
  resolved_at    timestamptz,
  resolution     text,
  UNIQUE (feed, subject, version)
);
CREATE INDEX quarantined_records_open ON quarantined_records (subject) WHERE resolved_at IS NULL;

-- Down Migration
DROP TABLE quarantined_records;
