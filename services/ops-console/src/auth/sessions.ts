import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The cookie a signed-in browser presents: HttpOnly, SameSite=Strict, Secure, path /. */
export const SESSION_COOKIE = 'motlan_console_session';

/**
 * Operator sessions, in memory: a restart signs everybody out (a console is one process; a
 * second instance would need a shared store). Tokens are compared in constant time.
 */
export class Sessions {
  private readonly sessions = new Map<string, { operator: string; until: number }>();

  constructor(
    /** operator id → token (OPS_CONSOLE_OPERATOR_TOKENS). */
    private readonly tokens: ReadonlyMap<string, string>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The operator a token belongs to, or undefined. */
  operatorOf(token: string): string | undefined {
    const given = Buffer.from(token);
    for (const [operator, known] of this.tokens) {
      const expected = Buffer.from(known);
      if (expected.length === given.length && timingSafeEqual(expected, given)) return operator;
    }
    return undefined;
  }

  /** Opens a session for `operator`; returns its id (the cookie's value, 256 random bits). */
  open(operator: string): string {
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { operator, until: this.now() + this.ttlMs });
    return id;
  }

  /** The operator of a live session, or undefined (unknown or expired; an expired one is forgotten). */
  operatorOfSession(id: string | undefined): string | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.until <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session.operator;
  }

  close(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  /** `Set-Cookie` for a session (Max-Age in seconds); an empty id clears it. */
  cookie(id: string): string {
    const age = id ? Math.floor(this.ttlMs / 1000) : 0;
    return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=${age}`;
  }
}

/** The value of one cookie of a `Cookie` header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
