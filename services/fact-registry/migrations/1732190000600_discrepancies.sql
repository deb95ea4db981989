-- Up Migration
-- Two sources (assurance verified or above) that hold different values for the same compared
-- fact type of a citizen (issue 13 part 4; the rule: src/domain/discrepancy.ts). At most one open
-- discrepancy per citizen and type; it is updated while the sources still disagree and resolved
-- when they agree again. Derived from fact_history in the transaction that applies the facts.
CREATE TABLE discrepancies (
  id             uuid PRIMARY KEY,
  -- Listing cursor (GET /v1/discrepancies?after=).
  seq            bigserial NOT NULL UNIQUE,
  subject        text NOT NULL,
  type           text NOT NULL,
  -- The sources compared, sorted; fact_ids[i] is the latest fact of source_systems[i] compared.
  source_systems text[] NOT NULL,
  fact_ids       text[] NOT NULL,
  state          text NOT NULL CHECK (state IN ('open', 'resolved')),
  opened_at      timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  resolved_at    timestamptz,
  CHECK (cardinality(source_systems) = cardinality(fact_ids)),
  CHECK ((state = 'resolved') = (resolved_at IS NOT NULL))
);
CREATE UNIQUE INDEX discrepancies_open ON discrepancies (subject, type) WHERE state = 'open';
CREATE INDEX discrepancies_sources ON discrepancies USING gin (source_systems);

-- Every transition (opened, updated, resolved), written with it and relayed in seq order to
-- citizen.discrepancies.v1; the payload is the DiscrepancyEvent as published.
CREATE TABLE discrepancy_outbox (
  seq            bigserial PRIMARY KEY,
  event_id       uuid NOT NULL UNIQUE,
  discrepancy_id uuid NOT NULL REFERENCES discrepancies (id),
  subject        text NOT NULL,
  event_type     text NOT NULL,
  payload        jsonb NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  published_at   timestamptz
);
CREATE INDEX discrepancy_outbox_unpublished ON discrepancy_outbox (seq) WHERE published_at IS NULL;

-- Down Migration
DROP TABLE discrepancy_outbox;
DROP TABLE discrepancies;
