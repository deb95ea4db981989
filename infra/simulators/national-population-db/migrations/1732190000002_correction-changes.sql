-- Up Migration
-- DIEU_CHINH: a correction of other recorded information (the record quirks the simulator makes
-- on request: partial dates of birth, relatives without IDs, malformed fields).
ALTER TABLE changes DROP CONSTRAINT changes_loai_thay_doi_check;
ALTER TABLE changes ADD CONSTRAINT changes_loai_thay_doi_check
  CHECK (loai_thay_doi IN ('CHUYEN_NOI_O', 'KET_HON', 'KHAI_TU', 'CAI_CHINH_HO_TEN', 'DIEU_CHINH'));

-- Down Migration
ALTER TABLE changes DROP CONSTRAINT changes_loai_thay_doi_check;
ALTER TABLE changes ADD CONSTRAINT changes_loai_thay_doi_check
  CHECK (loai_thay_doi IN ('CHUYEN_NOI_O', 'KET_HON', 'KHAI_TU', 'CAI_CHINH_HO_TEN'));
