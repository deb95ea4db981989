-- Up Migration
CREATE SEQUENCE dossier_code_seq;

-- One row per dossier: where it is, its clock, and the facts it was decided on.
CREATE TABLE dossiers (
  id                     uuid PRIMARY KEY,
  code                   text NOT NULL UNIQUE,
  procedure_code         text NOT NULL,
  unit_code              text NOT NULL,
  applicant_personal_id  text NOT NULL,
  status                 text NOT NULL,
  received_at            timestamptz NOT NULL,
  -- End of the time limit; kept (as it stood) while paused for a supplement.
  due_at                 timestamptz NOT NULL,
  paused_at              timestamptz,
  -- Working days of the limit left when the clock was paused.
  paused_remaining_days  integer,
  closed_at              timestamptz,
  required_count         integer NOT NULL,
  prefilled_count        integer NOT NULL,
  -- Every required fact: prefilled (with provenance) or supplied by the applicant.
  facts                  jsonb NOT NULL,
  documents              jsonb NOT NULL,
  result_fact_id         text,
  reason                 text,
  version                integer NOT NULL DEFAULT 1,
  updated_at             timestamptz NOT NULL
);
CREATE INDEX dossiers_received ON dossiers (received_at);
CREATE INDEX dossiers_closed ON dossiers (closed_at);
CREATE INDEX dossiers_open ON dossiers (procedure_code, unit_code) WHERE closed_at IS NULL;
CREATE INDEX dossiers_applicant ON dossiers (applicant_personal_id);

-- Every transition, in order per dossier (the audit of how it was handled).
CREATE TABLE dossier_history (
  dossier_id   uuid NOT NULL REFERENCES dossiers (id),
  sequence     integer NOT NULL,
  event_id     uuid NOT NULL UNIQUE,
  event_type   text NOT NULL,
  from_status  text,
  to_status    text NOT NULL,
  actor        text NOT NULL,
  reason       text,
  occurred_at  timestamptz NOT NULL,
  PRIMARY KEY (dossier_id, sequence)
);

-- A citizen's satisfaction with a resolved dossier: one rating per dossier.
CREATE TABLE dossier_ratings (
  dossier_id  uuid PRIMARY KEY REFERENCES dossiers (id),
  score       smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment     text,
  rated_at    timestamptz NOT NULL
);

-- Transactional outbox: events written with the change that caused them, relayed to Kafka in
-- order afterwards. `topic` is the declared (unprefixed) topic name.
CREATE TABLE outbox (
  seq             bigserial PRIMARY KEY,
  event_id        text NOT NULL UNIQUE,
  topic           text NOT NULL,
  key             text NOT NULL,
  event_type      text NOT NULL,
  payload         jsonb NOT NULL,
  correlation_id  text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  published_at    timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;

-- Down Migration
DROP TABLE outbox;
DROP TABLE dossier_ratings;
DROP TABLE dossier_history;
DROP TABLE dossiers;
DROP SEQUENCE dossier_code_seq;
