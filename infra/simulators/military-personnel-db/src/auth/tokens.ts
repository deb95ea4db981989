import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * OAuth2 client credentials (RFC 6749 §4.4): a registered client trades its id and secret for a
 * short-lived opaque bearer token (RFC 6750). Tokens live in this process's memory, so a restart
 * invalidates every token, as a real authorisation server's key rotation would; callers must be
 * ready to fetch a new one on 401.
 */
export interface IssuedToken {
  accessToken: string;
  /** Seconds until the token expires. */
  expiresIn: number;
}

export type TokenProblem = 'missing' | 'unknown' | 'expired';

export interface TokenIssuerSettings {
  clients: ReadonlyMap<string, string>;
  ttlSeconds: number;
  now: () => number;
}

export class TokenIssuer {
  private readonly tokens = new Map<string, { clientId: string; expiresAt: number }>();

  constructor(private readonly settings: TokenIssuerSettings) {}

  /** True when the id is registered and the secret is its own (compared in constant time). */
  authenticateClient(clientId: string, clientSecret: string): boolean {
    const expected = this.settings.clients.get(clientId);
    if (expected === undefined) return false;
    const given = Buffer.from(clientSecret, 'utf8');
    const wanted = Buffer.from(expected, 'utf8');
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }

  /** A new token for an authenticated client; expired tokens are dropped on the way. */
  issue(clientId: string): IssuedToken {
    const now = this.settings.now();
    for (const [token, entry] of this.tokens) if (entry.expiresAt <= now) this.tokens.delete(token);
    const accessToken = randomBytes(32).toString('base64url');
    this.tokens.set(accessToken, { clientId, expiresAt: now + this.settings.ttlSeconds * 1000 });
    return { accessToken, expiresIn: this.settings.ttlSeconds };
  }

  /** The client a token was issued to, or why it is refused. */
  check(accessToken: string | undefined): { clientId: string } | { problem: TokenProblem } {
    if (!accessToken) return { problem: 'missing' };
    const entry = this.tokens.get(accessToken);
    if (!entry) return { problem: 'unknown' };
    if (entry.expiresAt <= this.settings.now()) {
      this.tokens.delete(accessToken);
      return { problem: 'expired' };
    }
    return { clientId: entry.clientId };
  }
}

/** MPDB_CLIENTS: "clientId:secret,clientId2:secret2" → clientId → secret; undefined if malformed. */
export function parseClients(value: string): Map<string, string> | undefined {
  const clients = new Map<string, string>();
  for (const pair of value.split(',').map((part) => part.trim())) {
    if (pair === '') continue;
    const colon = pair.indexOf(':');
    if (colon <= 0 || colon === pair.length - 1) return undefined;
    clients.set(pair.slice(0, colon), pair.slice(colon + 1));
  }
  return clients.size === 0 ? undefined : clients;
}

/** The client id and secret of an `Authorization: Basic …` header (RFC 6749 §2.3.1), or undefined. */
export function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  // RFC 6749 §2.3.1: id and secret are form-urlencoded before they are joined.
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replaceAll('+', ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replaceAll('+', ' ')),
    };
  } catch {
    return undefined;
  }
}

/** The token of an `Authorization: Bearer …` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header ?? '');
  return match?.[1];
}
