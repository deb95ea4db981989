import { describe, expect, it } from 'vitest';
import { basicCredentials, bearerToken, parseClients, TokenIssuer } from '../src/auth/tokens.ts';

describe('token issuer', () => {
  it('authenticates registered clients only, and tokens expire after their lifetime', () => {
    let clock = 1_000_000;
    const tokens = new TokenIssuer({
      clients: parseClients('a:secret-a,b:secret-b')!,
      ttlSeconds: 30,
      now: () => clock,
    });
    expect(tokens.authenticateClient('a', 'secret-a')).toBe(true);
    expect(tokens.authenticateClient('a', 'secret-b')).toBe(false);
    expect(tokens.authenticateClient('a', 'secret-')).toBe(false);
    expect(tokens.authenticateClient('c', 'secret-a')).toBe(false);

    const issued = tokens.issue('a');
    expect(issued.expiresIn).toBe(30);
    expect(tokens.check(issued.accessToken)).toEqual({ clientId: 'a' });
    expect(tokens.check(undefined)).toEqual({ problem: 'missing' });
    expect(tokens.check('other')).toEqual({ problem: 'unknown' });
    expect(tokens.issue('a').accessToken).not.toBe(issued.accessToken);
    clock += 29_999;
    expect(tokens.check(issued.accessToken)).toEqual({ clientId: 'a' });
    clock += 1;
    expect(tokens.check(issued.accessToken)).toEqual({ problem: 'expired' });
  });

  it('parses client lists and the Basic and Bearer headers', () => {
    expect(parseClients('x:y')).toEqual(new Map([['x', 'y']]));
    expect(parseClients('x')).toBeUndefined();
    expect(parseClients('x:')).toBeUndefined();
    expect(parseClients('')).toBeUndefined();
    const header = `Basic ${Buffer.from('motlan-dev:s%3Acret').toString('base64')}`;
    expect(basicCredentials(header)).toEqual({ id: 'motlan-dev', secret: 's:cret' });
    expect(basicCredentials('Bearer abc')).toBeUndefined();
    expect(basicCredentials(`Basic ${Buffer.from('no-colon').toString('base64')}`)).toBeUndefined();
    expect(bearerToken('Bearer abc-DEF_12')).toBe('abc-DEF_12');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
