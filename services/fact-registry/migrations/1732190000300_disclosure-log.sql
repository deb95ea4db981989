-- Up Migration
-- Every disclosure decision of every service (from access.audit.v1), so a citizen sees in one
-- place who read which facts, when, and for which procedure — not only the registry's own reads.
CREATE TABLE disclosure_log (
  audit_id    text PRIMARY KEY,
  subject     text NOT NULL,
  discloser   text NOT NULL,
  client      text NOT NULL,
  purpose     text NOT NULL,
  fact_types  text[] NOT NULL,
  outcome     text NOT NULL,
  occurred_at timestamptz NOT NULL,
  request_id  text NOT NULL
);
CREATE INDEX disclosure_log_subject ON disclosure_log (subject, occurred_at DESC);

-- Down Migration
DROP TABLE disclosure_log;
