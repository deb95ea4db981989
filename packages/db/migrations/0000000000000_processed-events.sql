-- Up Migration
-- Every service schema gets this table: the event ids a consumer has applied, written in the
-- same transaction as the change each caused (idempotent consumption).
CREATE TABLE processed_events (
  event_id   text PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE processed_events;
