import { describe, expect, it } from 'vitest';
import { authorize, parsePolicy } from '../src/policy.ts';

const policy = parsePolicy({
  clients: {
    'one-stop': { purposes: { 'first-registration': ['identity.full_name', 'identity.date_of_birth'] } },
    operator: { mayListDisclosures: true, purposes: {} },
    bench: { purposes: { '*': ['*'] } },
    narrow: { purposes: { empty: [] } },
  },
});

describe('authorize: the policy decision every read takes', () => {
  it('grants the types a purpose grants, and refuses one outside it by name', () => {
    expect(authorize(policy, 'one-stop', 'first-registration', ['identity.full_name'])).toEqual({
      allowed: true,
      purposeGranted: true,
      denied: [],
    });
    expect(
      authorize(policy, 'one-stop', 'first-registration', ['identity.full_name', 'family.father']),
    ).toEqual({ allowed: false, purposeGranted: true, denied: ['family.father'] });
  });

  it('refuses a purpose the client holds no grant for, even when the request names no fact type', () => {
    for (const [client, purpose] of [
      ['one-stop', 'temporary-absence'],
      ['one-stop', '9.999999'],
      ['operator', 'first-registration'],
      ['unknown-client', 'first-registration'],
      ['narrow', 'empty'],
    ]) {
      expect(authorize(policy, client!, purpose!, []), `${client} ${purpose}`).toMatchObject({
        allowed: false,
        purposeGranted: false,
      });
      expect(authorize(policy, client!, purpose!, ['identity.full_name'])).toMatchObject({
        allowed: false,
        denied: ['identity.full_name'],
      });
    }
  });

  it('refuses a request naming no fact type even for a granted purpose: a disclosure names what it touches', () => {
    expect(authorize(policy, 'one-stop', 'first-registration', [])).toEqual({
      allowed: false,
      purposeGranted: true,
      denied: [],
    });
    expect(authorize(policy, 'bench', 'anything', [])).toMatchObject({ allowed: false });
    expect(authorize(policy, 'bench', 'anything', ['family.father'])).toMatchObject({ allowed: true });
  });
});
