-- Up Migration
-- Idempotency keys of declarations: a retry with the same key re-publishes the same facts (same
-- ids, same observation time) instead of declaring twice; the same key with another body is
-- refused. Request state, not fact state: a registry rebuilt from citizen.facts.v1 starts without it.
CREATE TABLE declaration_keys (
  client          text NOT NULL,
  idempotency_key text NOT NULL,
  request_hash    text NOT NULL,
  observed_at     timestamptz NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (client, idempotency_key)
);

-- Down Migration
DROP TABLE declaration_keys;
