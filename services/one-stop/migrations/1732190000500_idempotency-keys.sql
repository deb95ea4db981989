-- Up Migration
-- The first answer to each creating call made with an Idempotency-Key, per calling client
-- (`scope`): written in the transaction that creates what the call created, so a key exists if and
-- only if its creation committed. `fingerprint` is the hash of the operation and its request:
-- the same key with another request is refused.
CREATE TABLE idempotency_keys (
  scope        text NOT NULL,
  key          text NOT NULL,
  fingerprint  text NOT NULL,
  status       smallint NOT NULL,
  -- json, not jsonb: the answer is replayed as first written, property order and all.
  answer       json NOT NULL,
  dossier_id   uuid NOT NULL REFERENCES dossiers (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);

-- Down Migration
DROP TABLE idempotency_keys;
