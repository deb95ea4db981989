/**
 * Wire names of the simulated personnel system, in one place: headers, the error codes its JSON
 * answers carry (`Loi.Ma`), and the OAuth2 vocabulary of its token endpoint (RFC 6749).
 */
export const Headers = {
  authorization: 'authorization',
  correlationId: 'x-correlation-id',
  wwwAuthenticate: 'www-authenticate',
} as const;

export const MaLoi = {
  notFound: 'HO_SO_KHONG_TON_TAI',
  unavailable: 'HE_THONG_TAM_NGUNG',
} as const;

export const MoTaLoi = {
  notFound: 'Không tìm thấy hồ sơ quân nhân',
  unavailable: 'Hệ thống quản lý quân nhân tạm ngừng phục vụ, vui lòng thử lại sau',
} as const;

/** The token endpoint and what it speaks (RFC 6749 §4.4 client credentials, RFC 6750 bearer). */
export const OAuth = {
  tokenPath: '/oauth/token',
  realm: 'mpdb',
  grantType: 'client_credentials',
  tokenType: 'Bearer',
  scope: 'ho-so:doc bien-dong:doc',
  errors: {
    invalidRequest: 'invalid_request',
    invalidClient: 'invalid_client',
    unsupportedGrantType: 'unsupported_grant_type',
    invalidToken: 'invalid_token',
  },
} as const;
