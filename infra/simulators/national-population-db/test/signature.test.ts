import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseApiKeys, signatureProblem, signRequest } from '../src/auth/signature.ts';

const keys = new Map([['motlan-dev', 'motlan-dev-secret']]);
const NOW = 1_795_000_000_000;

describe('request signature', () => {
  it('is the lowercase hex HMAC-SHA256 of timestamp, method, path with query and body hash', () => {
    const body = JSON.stringify({
      SoDinhDanh: '001099012345',
      HoVaTen: 'Nguyễn Văn An',
      NgayThangNamSinh: '19990517',
    });
    const headers = signRequest({
      keyId: 'motlan-dev',
      secret: 'motlan-dev-secret',
      method: 'post',
      path: '/api/v1/citizens/lookup',
      body,
      timestamp: NOW,
    });
    // Computed independently, exactly as the README documents it.
    const bodyHash = createHash('sha256').update(body, 'utf8').digest('hex');
    const expected = createHmac('sha256', 'motlan-dev-secret')
      .update(`${NOW}\nPOST\n/api/v1/citizens/lookup\n${bodyHash}`, 'utf8')
      .digest('hex');
    expect(headers).toEqual({
      'X-Api-Key': 'motlan-dev',
      'X-Timestamp': String(NOW),
      'X-Signature': expected,
    });
    expect(headers['X-Signature']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes the empty string for a request without a body', () => {
    const headers = signRequest({
      keyId: 'k',
      secret: 's',
      method: 'GET',
      path: '/api/v1/changes?cursor=0',
      timestamp: NOW,
    });
    const emptyHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    const expected = createHmac('sha256', 's')
      .update(`${NOW}\nGET\n/api/v1/changes?cursor=0\n${emptyHash}`)
      .digest('hex');
    expect(headers['X-Signature']).toBe(expected);
  });

  it('accepts a good signature and says why it refuses a bad one', () => {
    const path = '/api/v1/citizens?after=001099012345&limit=10';
    const signed = signRequest({
      keyId: 'motlan-dev',
      secret: 'motlan-dev-secret',
      method: 'GET',
      path,
      timestamp: NOW,
    });
    const base = {
      keys,
      keyId: signed['X-Api-Key'],
      timestamp: signed['X-Timestamp'],
      signature: signed['X-Signature'],
      method: 'GET',
      path,
      body: '',
      now: NOW + 1_000,
    };
    expect(signatureProblem(base)).toBeUndefined();
    expect(signatureProblem({ ...base, signature: undefined })).toMatch(/required/);
    expect(signatureProblem({ ...base, keyId: 'someone' })).toBe('unknown API key');
    expect(signatureProblem({ ...base, path: '/api/v1/citizens?after=001099012345&limit=11' })).toBe(
      'signature does not match',
    );
    expect(signatureProblem({ ...base, signature: base.signature.toUpperCase() })).toBe(
      'signature does not match',
    );
    expect(signatureProblem({ ...base, now: NOW + 300_001 })).toMatch(/5 minutes/);
    expect(signatureProblem({ ...base, now: NOW - 300_001 })).toMatch(/5 minutes/);
    expect(signatureProblem({ ...base, now: NOW + 300_000 })).toBeUndefined();
    expect(signatureProblem({ ...base, timestamp: '2026-11-21T10:00:00Z' })).toMatch(/epoch milliseconds/);
  });

  it('reads NPDB_API_KEYS as keyId:secret pairs', () => {
    expect(parseApiKeys('a:1,b:two:parts')).toEqual(
      new Map([
        ['a', '1'],
        ['b', 'two:parts'],
      ]),
    );
    expect(parseApiKeys('no-secret')).toBeUndefined();
    expect(parseApiKeys('')).toBeUndefined();
  });
});
