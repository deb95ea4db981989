-- Up Migration
-- Fact notifications from the mesh (tell us once): this system subscribes to its registrants'
-- changes over the fact registry's gRPC stream and records them as feed entries of its own.

-- The feed's new event types: moved (registered in the new commune), died (taken off the
-- register), name or date of birth corrected from the population database.
ALTER TABLE changes DROP CONSTRAINT changes_loai_bien_dong_check;
ALTER TABLE changes ADD CONSTRAINT changes_loai_bien_dong_check CHECK (loai_bien_dong IN (
  'NHAP_NGU', 'DIEU_DONG', 'THANG_CAP_BAC', 'XUAT_NGU', 'PHAN_LOAI_SUC_KHOE',
  'CHUYEN_NOI_DANG_KY', 'DUA_RA_KHOI_DANH_SACH', 'DIEU_CHINH_NHAN_THAN'));

-- Where each subscription's stream stands: the cursor of the last notification handled (empty:
-- none yet), advanced in the same transaction as the change it caused, so a restart resumes
-- exactly there.
CREATE TABLE notification_cursors (
  subscription_id text COLLATE "C" PRIMARY KEY,
  purpose         text NOT NULL,
  cursor          text NOT NULL DEFAULT '',
  applied_count   bigint NOT NULL DEFAULT 0,
  skipped_count   bigint NOT NULL DEFAULT 0,
  last_applied_at timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Every notification handled, by its stable id: a redelivered one is found here and changes
-- nothing. outcome: applied (a feed entry, change_cursor), unchanged (the record already said
-- so), not_held (no record of that citizen), ignored (a change this system does not act on),
-- invalid (a value that fails the catalog's schema; kept out, the stream goes on).
CREATE TABLE applied_notifications (
  notification_id text COLLATE "C" PRIMARY KEY,
  subscription_id text COLLATE "C" NOT NULL,
  cursor          text NOT NULL,
  fact_type       text NOT NULL,
  so_dinh_danh    text COLLATE "C" NOT NULL,
  outcome         text NOT NULL CHECK (outcome IN ('applied', 'unchanged', 'not_held', 'ignored', 'invalid')),
  change_cursor   bigint REFERENCES changes (cursor),
  handled_at      timestamptz NOT NULL
);
CREATE INDEX applied_notifications_subscription ON applied_notifications (subscription_id, handled_at);

-- A seeded disagreement the population database's value has since corrected (resolved_by: the
-- notification id). The row stays, so the seeding's counts stay countable; what is still open
-- is `resolved_at IS NULL`.
ALTER TABLE seeded_truth ADD COLUMN resolved_at timestamptz, ADD COLUMN resolved_by text;

-- Down Migration
ALTER TABLE seeded_truth DROP COLUMN resolved_by, DROP COLUMN resolved_at;
DROP TABLE applied_notifications;
DROP TABLE notification_cursors;
DELETE FROM changes WHERE loai_bien_dong IN ('CHUYEN_NOI_DANG_KY', 'DUA_RA_KHOI_DANH_SACH', 'DIEU_CHINH_NHAN_THAN');
ALTER TABLE changes DROP CONSTRAINT changes_loai_bien_dong_check;
ALTER TABLE changes ADD CONSTRAINT changes_loai_bien_dong_check CHECK (loai_bien_dong IN (
  'NHAP_NGU', 'DIEU_DONG', 'THANG_CAP_BAC', 'XUAT_NGU', 'PHAN_LOAI_SUC_KHOE'));
