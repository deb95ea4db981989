/**
 * The military personnel database's wire names: its paths, headers, OAuth2 vocabulary and error
 * codes, as its API document gives them (not ours).
 */
export const MpdbWire = {
  tokenPath: '/oauth/token',
  grantType: 'client_credentials',
  byCode: (code: string) => `/api/v1/ho-so/${encodeURIComponent(code)}`,
  byPersonalId: (id: string) => `/api/v1/ho-so/theo-so-dinh-danh/${encodeURIComponent(id)}`,
  exportPage: (after: string | undefined, limit: number) =>
    `/api/v1/ho-so?soLuong=${limit}${after ? `&sau=${encodeURIComponent(after)}` : ''}`,
  changes: (cursor: string, limit: number) =>
    `/api/v1/bien-dong?sau=${encodeURIComponent(cursor)}&soLuong=${limit}`,
  /** Echoed back; the upstream's transaction id (`MaGiaoDich`) is made from it. */
  correlationHeader: 'x-correlation-id',
  /** `Loi.Ma` of a 404: the person is not held. */
  notFound: 'HO_SO_KHONG_TON_TAI',
} as const;
