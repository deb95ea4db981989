import { CommonErrors, MotlanError } from '@motlan/errors';
import { AdapterErrors } from '../errors.ts';
import { MpdbWire } from './mpdb-wire.ts';

export interface TokenSettings {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  now?: () => number;
}

/** Renew this long before the upstream says a token expires, so no call carries one that lapses on the way. */
const EXPIRY_MARGIN_MS = 15_000;

/**
 * An OAuth2 client-credentials token (RFC 6749 §4.4) for the personnel database, fetched on first
 * use, shared by concurrent callers (one request in flight), renewed before it expires and on
 * demand (`invalidate`, after a 401: the upstream forgets its tokens when it restarts).
 * Refused credentials are not retryable (`MOTLAN_UPSTREAM_REJECTED`); an outage is.
 */
export class OAuthToken {
  private token: { value: string; expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;
  private readonly now: () => number;

  constructor(private readonly settings: TokenSettings) {
    this.now = settings.now ?? Date.now;
  }

  async get(signal?: AbortSignal): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt) return this.token.value;
    this.pending ??= this.fetch(signal).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  invalidate(rejected: string): void {
    if (this.token?.value === rejected) this.token = undefined;
  }

  private async fetch(signal?: AbortSignal): Promise<string> {
    const basic = Buffer.from(
      `${encodeURIComponent(this.settings.clientId)}:${encodeURIComponent(this.settings.clientSecret)}`,
    ).toString('base64');
    let response: Response;
    try {
      response = await fetch(this.settings.baseUrl + MpdbWire.tokenPath, {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: MpdbWire.grantType }).toString(),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
      throw new MotlanError(
        timedOut ? CommonErrors.deadlineExceeded : CommonErrors.unavailable,
        timedOut
          ? 'military personnel database token endpoint did not answer in time'
          : 'military personnel database unreachable',
        { cause: error },
      );
    }
    const body = (await response.json().catch(() => ({}))) as {
      access_token?: string;
      expires_in?: number;
      error?: string;
    };
    if (response.status >= 500) {
      throw new MotlanError(
        CommonErrors.unavailable,
        `military personnel database token endpoint answered ${response.status}`,
      );
    }
    if (response.status !== 200 || typeof body.access_token !== 'string') {
      throw new MotlanError(
        AdapterErrors.upstreamRejected,
        `military personnel database refused our client credentials (${response.status} ${body.error ?? ''})`,
      );
    }
    const lifetimeMs = Math.max(0, (body.expires_in ?? 60) * 1000 - EXPIRY_MARGIN_MS);
    this.token = { value: body.access_token, expiresAt: this.now() + lifetimeMs };
    return body.access_token;
  }
}
