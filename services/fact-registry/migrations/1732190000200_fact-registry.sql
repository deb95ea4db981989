-- Up Migration
-- Append-only history: every fact ever received, never updated or deleted.
CREATE TABLE fact_history (
  fact_id               text PRIMARY KEY,
  subject               text NOT NULL,
  type                  text NOT NULL,
  value                 jsonb NOT NULL,
  assurance             smallint NOT NULL,
  source_system         text NOT NULL,
  source_record_ref     text NOT NULL,
  source_record_version text NOT NULL,
  observed_at           timestamptz NOT NULL,
  valid_from            text NOT NULL,
  valid_until           text NOT NULL,
  dossier_id            text NOT NULL,
  content_hash          text NOT NULL,
  recorded_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fact_history_subject_type ON fact_history (subject, type, observed_at);

-- The current view, derived: per subject and type, the winning fact (assurance, then observation).
CREATE TABLE current_facts (
  subject      text NOT NULL,
  type         text NOT NULL,
  fact_id      text NOT NULL REFERENCES fact_history (fact_id),
  assurance    smallint NOT NULL,
  observed_at  timestamptz NOT NULL,
  content_hash text NOT NULL,
  conflicted   boolean NOT NULL DEFAULT false,
  PRIMARY KEY (subject, type)
);

-- A declaration and an authoritative source that disagree: both kept, the disagreement flagged.
CREATE TABLE fact_conflicts (
  id                bigserial PRIMARY KEY,
  subject           text NOT NULL,
  type              text NOT NULL,
  winning_fact_id   text NOT NULL,
  losing_fact_id    text NOT NULL,
  detected_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (winning_fact_id, losing_fact_id)
);
CREATE INDEX fact_conflicts_subject ON fact_conflicts (subject, type);

-- Down Migration
DROP TABLE fact_conflicts;
DROP TABLE current_facts;
DROP TABLE fact_history;
