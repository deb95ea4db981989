-- Up Migration
-- Sector systems' subscriptions to changes (issue 13). The citizens a subscription covers and the
-- types it may receive come from the access policy when it is created, and are checked again
-- against the policy at every delivery.
CREATE TABLE subscriptions (
  id               uuid PRIMARY KEY,
  client           text NOT NULL,
  purpose          text NOT NULL,
  fact_types       text[] NOT NULL,
  -- The source system whose registrants it covers (policy `subscribes.citizensHeldBy`).
  citizens_held_by text NOT NULL,
  delivery         text NOT NULL CHECK (delivery IN ('kafka', 'grpc-stream')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  deleted_at       timestamptz
);
CREATE INDEX subscriptions_client ON subscriptions (client, created_at) WHERE deleted_at IS NULL;

-- One row per change of a current fact per matching subscription, written in the transaction that
-- applied the fact. The cursor is (xid, seq): rows become readable once every transaction that
-- began writing before theirs has ended (xid below the snapshot's xmin), and in that order, so a
-- reader that resumes after a cursor never misses a row that committed later with a smaller seq.
CREATE TABLE notifications (
  seq                bigserial PRIMARY KEY,
  xid                xid8 NOT NULL DEFAULT pg_current_xact_id(),
  id                 uuid NOT NULL UNIQUE,
  subscription_id    uuid NOT NULL REFERENCES subscriptions (id),
  subject            text NOT NULL,
  fact_id            text NOT NULL REFERENCES fact_history (fact_id),
  supersedes_fact_id text,
  changed_at         timestamptz NOT NULL DEFAULT now(),
  -- Whether it goes on the subscriber's Kafka topic (DELIVERY_KAFKA), and when the relay put it there.
  kafka              boolean NOT NULL,
  published_at       timestamptz
);
CREATE INDEX notifications_stream ON notifications (subscription_id, xid, seq);
CREATE INDEX notifications_unpublished ON notifications (xid, seq) WHERE kafka AND published_at IS NULL;

-- Down Migration
DROP TABLE notifications;
DROP TABLE subscriptions;
