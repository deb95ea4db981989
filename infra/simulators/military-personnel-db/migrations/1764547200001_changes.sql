-- Up Migration
-- The change feed (biến động): one row per changed record, the record as it is after the change.
-- Writers serialise on an advisory lock, so cursors become visible in order and a reader that
-- resumes after cursor N never misses a change committed later with a smaller cursor.
CREATE TABLE changes (
  cursor                 bigserial PRIMARY KEY,
  ma_dinh_danh_quan_nhan text COLLATE "C" NOT NULL,
  so_dinh_danh           text COLLATE "C" NOT NULL,
  loai_bien_dong         text NOT NULL
                         CHECK (loai_bien_dong IN ('NHAP_NGU', 'DIEU_DONG', 'THANG_CAP_BAC', 'XUAT_NGU', 'PHAN_LOAI_SUC_KHOE')),
  thoi_diem              timestamptz NOT NULL,
  record                 jsonb NOT NULL
);
CREATE INDEX changes_ma_dinh_danh_quan_nhan ON changes (ma_dinh_danh_quan_nhan, cursor);

-- Down Migration
DROP TABLE changes;
