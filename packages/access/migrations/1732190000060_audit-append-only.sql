-- Up Migration
-- The audit trail becomes insert-only. Every chain is registered (audit_chains, insert-only too)
-- in the statement that writes its first links, so a chain whose links vanish is still named.
-- The relay's progress moves out of audit_log into audit_relay_progress, the one audit table the
-- service may update: per chain, the last sequence published to access.audit.v1 and anchored on
-- access.audit-anchors.v1.
CREATE TABLE audit_chains (
  chain     text PRIMARY KEY,
  discloser text NOT NULL,
  opened_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE audit_relay_progress (
  chain             text PRIMARY KEY,
  published_through bigint NOT NULL DEFAULT 0
);
INSERT INTO audit_chains (chain, discloser, opened_at)
  SELECT chain, split_part(chain, ':', 1), min(recorded_at) FROM audit_log GROUP BY chain;
INSERT INTO audit_relay_progress (chain, published_through)
  SELECT chain, coalesce(max(sequence) FILTER (WHERE published), 0) FROM audit_log GROUP BY chain;
DROP INDEX audit_log_unpublished;
ALTER TABLE audit_log DROP COLUMN published;

-- The second line behind the application role's missing UPDATE/DELETE/TRUNCATE (@motlan/db).
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION append_only_guard();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_guard();
CREATE TRIGGER audit_chains_append_only BEFORE UPDATE OR DELETE ON audit_chains
  FOR EACH ROW EXECUTE FUNCTION append_only_guard();
CREATE TRIGGER audit_chains_no_truncate BEFORE TRUNCATE ON audit_chains
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_guard();

-- Down Migration
DROP TRIGGER audit_chains_no_truncate ON audit_chains;
DROP TRIGGER audit_chains_append_only ON audit_chains;
DROP TRIGGER audit_log_no_truncate ON audit_log;
DROP TRIGGER audit_log_append_only ON audit_log;
ALTER TABLE audit_log ADD COLUMN published boolean NOT NULL DEFAULT false;
UPDATE audit_log l SET published = l.sequence <= p.published_through
  FROM audit_relay_progress p WHERE p.chain = l.chain;
CREATE INDEX audit_log_unpublished ON audit_log (recorded_at) WHERE NOT published;
DROP TABLE audit_relay_progress;
DROP TABLE audit_chains;
