-- Up Migration
-- The change feed: one row per changed record, the record as it is after the change. Writers
-- serialise on an advisory lock, so cursors become visible in order and a reader that resumes
-- after cursor N never misses a change committed later with a smaller cursor.
CREATE TABLE changes (
  cursor         bigserial PRIMARY KEY,
  so_dinh_danh   text COLLATE "C" NOT NULL,
  loai_thay_doi  text NOT NULL
                 CHECK (loai_thay_doi IN ('CHUYEN_NOI_O', 'KET_HON', 'KHAI_TU', 'CAI_CHINH_HO_TEN')),
  thoi_diem      timestamptz NOT NULL,
  record         jsonb NOT NULL
);
CREATE INDEX changes_so_dinh_danh ON changes (so_dinh_danh, cursor);

-- Down Migration
DROP TABLE changes;
