-- Up Migration
-- The last record read from the upstream per subject: served (marked stale, with its age) when
-- the upstream is down, and kept current by the change feed.
CREATE TABLE record_snapshots (
  subject    text PRIMARY KEY,
  record     jsonb NOT NULL,
  version    text NOT NULL,
  fetched_at timestamptz NOT NULL
);

-- Where each change feed was read up to; the sync resumes from here after a restart.
CREATE TABLE sync_cursors (
  feed       text PRIMARY KEY,
  cursor     text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE sync_cursors;
DROP TABLE record_snapshots;
