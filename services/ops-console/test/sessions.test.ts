import { describe, expect, it } from 'vitest';
import { cookieValue, SESSION_COOKIE, Sessions } from '../src/auth/sessions.ts';

const TOKEN = 'a'.repeat(32);

describe('operator sessions', () => {
  it('knows an operator by its token only, not by a prefix or a longer string', () => {
    const sessions = new Sessions(new Map([['alice', TOKEN]]), 60_000);
    expect(sessions.operatorOf(TOKEN)).toBe('alice');
    expect(sessions.operatorOf(TOKEN.slice(1))).toBeUndefined();
    expect(sessions.operatorOf(`${TOKEN}a`)).toBeUndefined();
    expect(sessions.operatorOf('')).toBeUndefined();
  });

  it('opens a session that lasts its lifetime, then is forgotten; a closed one is gone at once', () => {
    let now = 1_000;
    const sessions = new Sessions(new Map([['alice', TOKEN]]), 60_000, () => now);
    const id = sessions.open('alice');
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sessions.operatorOfSession(id)).toBe('alice');
    now += 59_999;
    expect(sessions.operatorOfSession(id)).toBe('alice');
    now += 1;
    expect(sessions.operatorOfSession(id)).toBeUndefined();
    const other = sessions.open('alice');
    sessions.close(other);
    expect(sessions.operatorOfSession(other)).toBeUndefined();
    expect(sessions.operatorOfSession(undefined)).toBeUndefined();
  });

  it('sets an HttpOnly, Secure, SameSite=Strict cookie, and clears it with Max-Age=0', () => {
    const sessions = new Sessions(new Map(), 3_600_000);
    expect(sessions.cookie('abc')).toBe(
      `${SESSION_COOKIE}=abc; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=3600`,
    );
    expect(sessions.cookie('')).toBe(
      `${SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0`,
    );
    expect(cookieValue(`x=1; ${SESSION_COOKIE}=abc=; y=2`, SESSION_COOKIE)).toBe('abc=');
    expect(cookieValue(undefined, SESSION_COOKIE)).toBeUndefined();
  });
});
