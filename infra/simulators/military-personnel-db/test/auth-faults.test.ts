import { describe, expect, it } from 'vitest';
import { isMotlanError } from '@motlan/errors';
import { basicCredentials, bearerToken, parseClients, TokenIssuer } from '../src/auth/tokens.ts';
import { FaultInjector, NO_FAULTS } from '../src/faults.ts';

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

describe('fault injector', () => {
  it('starts with no faults and takes partial updates', () => {
    const faults = new FaultInjector(() => 0.5);
    expect(faults.current).toEqual(NO_FAULTS);
    expect(faults.decide()).toEqual({ kind: 'call', delayMs: 0, fail: false });
    expect(faults.update({ latencyMs: { max: 100 } })).toEqual({
      ...NO_FAULTS,
      latencyMs: { min: 0, max: 100 },
    });
    expect(faults.update({ errorRate: 0.6 }).latencyMs).toEqual({ min: 0, max: 100 });
    expect(faults.decide()).toEqual({ kind: 'call', delayMs: 50, fail: true });
    expect(faults.update({ outage: true }).outage).toBe(true);
    expect(faults.decide()).toEqual({ kind: 'outage' });
    expect(faults.reset()).toEqual(NO_FAULTS);
  });

  it('refuses min above max and changes nothing', () => {
    const faults = new FaultInjector();
    faults.update({ latencyMs: { min: 10, max: 20 } });
    let error: unknown;
    try {
      faults.update({ latencyMs: { min: 30 }, outage: true });
    } catch (caught) {
      error = caught;
    }
    expect(isMotlanError(error) && error.code).toBe('MPDB_SIM_INVALID_FAULTS');
    expect(faults.current).toEqual({ ...NO_FAULTS, latencyMs: { min: 10, max: 20 } });
  });
});
