-- Up Migration
-- Hash-chained audit trail of disclosures: each link's hash covers its content and the previous
-- link's hash, so changing or removing a row breaks the chain from there on. Each process writes
-- a chain of its own (no lock shared between instances). Rows are also the outbox for
-- access.audit.v1 (published = false until the relay has sent them).
CREATE TABLE audit_log (
  chain       text NOT NULL,
  sequence    bigint NOT NULL,
  audit_id    text NOT NULL UNIQUE,
  subject     text NOT NULL,
  client      text NOT NULL,
  purpose     text NOT NULL,
  fact_types  text[] NOT NULL,
  outcome     text NOT NULL CHECK (outcome IN ('granted', 'denied')),
  occurred_at timestamptz NOT NULL,
  request_id  text NOT NULL,
  prev_hash   text NOT NULL,
  hash        text NOT NULL,
  published   boolean NOT NULL DEFAULT false,
  recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (chain, sequence)
);
CREATE INDEX audit_log_subject ON audit_log (subject, occurred_at);
CREATE INDEX audit_log_unpublished ON audit_log (recorded_at) WHERE NOT published;

-- Down Migration
DROP TABLE audit_log;
