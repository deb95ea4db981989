-- Up Migration
-- The military personnel database's own storage (not ours: we only simulate it). A record is the
-- JSON exactly as the API returns it (HoSo); version mirrors record->PhienBan.
CREATE TABLE personnel (
  ma_dinh_danh_quan_nhan text COLLATE "C" PRIMARY KEY,
  so_dinh_danh           text COLLATE "C" NOT NULL UNIQUE,
  record                 jsonb NOT NULL,
  version                integer NOT NULL DEFAULT 1,
  updated_at             timestamptz NOT NULL,
  -- Dense ordinal (1..N) so the change generator can draw a random record with one index probe.
  seq                    bigint NOT NULL UNIQUE,
  -- Seeded bad on purpose (see seeded_truth): the change generator leaves these alone.
  malformed              boolean NOT NULL DEFAULT false
);

-- What the seeding altered on purpose, one row per altered record, so tests can count them:
-- identity fields that disagree with the population database (true_value is the population's,
-- written in this system's format) and fields malformed on purpose (true_value is the
-- well-formed value).
CREATE TABLE seeded_truth (
  ma_dinh_danh_quan_nhan text COLLATE "C" PRIMARY KEY,
  so_dinh_danh           text COLLATE "C" NOT NULL,
  kind                   text NOT NULL CHECK (kind IN ('name_typo', 'old_name', 'wrong_birth_day', 'malformed')),
  field                  text NOT NULL,
  true_value             text,
  recorded_value         text
);
CREATE INDEX seeded_truth_kind ON seeded_truth (kind);

-- Down Migration
DROP TABLE seeded_truth;
DROP TABLE personnel;
