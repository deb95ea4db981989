import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '../src/index.ts';
import { thrown } from './support.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('does not depend on key order', () => {
    const one = { provinceCode: '01', wardCode: '00001', detail: 'Số 1', unitsVersion: 'legacy-2024' };
    const two = { unitsVersion: 'legacy-2024', detail: 'Số 1', wardCode: '00001', provinceCode: '01' };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('keeps array order', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('follows JSON.stringify for what it can represent', () => {
    const value = {
      s: 'Nguyễn "An"\n',
      n: -0,
      e: 1e21,
      f: 0.1,
      t: false,
      u: undefined,
      arr: [undefined, () => 1],
    };
    expect(canonicalJson(value)).toBe(
      '{"arr":[null,null],"e":1e+21,"f":0.1,"n":0,"s":"Nguyễn \\"An\\"\\n","t":false}',
    );
    expect(canonicalJson(new Date('2024-01-02T03:04:05.000Z'))).toBe('"2024-01-02T03:04:05.000Z"');
    expect(canonicalJson(null)).toBe('null');
    expect(JSON.parse(canonicalJson({ b: [1, 'x'], a: null }))).toEqual({ a: null, b: [1, 'x'] });
  });

  it('sorts keys by code unit, as RFC 8785 does', () => {
    expect(canonicalJson({ b: 1, B: 2, á: 3, a: 4, '1': 5 })).toBe('{"1":5,"B":2,"a":4,"b":1,"á":3}');
  });

  it('refuses what JSON would silently distort', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    for (const bad of [
      { n: NaN },
      { n: Infinity },
      { n: 1n },
      new Map(),
      { s: new Set([1]) },
      cyclic,
      undefined,
    ]) {
      expect(thrown(() => canonicalJson(bad)).code).toBe('MOTLAN_VALUE_NOT_JSON');
    }
    expect(thrown(() => canonicalJson({ a: [0, { n: NaN }] })).message).toContain('/a/1/n');
  });

  it('allows repeated (non-cyclic) references', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});

describe('contentHash', () => {
  it('is the sha256 hex of the canonical JSON', () => {
    const value = { sex: 'female' };
    expect(contentHash(value)).toBe(createHash('sha256').update('{"sex":"female"}').digest('hex'));
    expect(contentHash(value)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is stable across key order and across calls', () => {
    const a = { family: 'Nguyễn', middle: 'Văn', given: 'An', full: 'Nguyễn Văn An' };
    const b = { full: 'Nguyễn Văn An', given: 'An', middle: 'Văn', family: 'Nguyễn' };
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(a)).toBe(contentHash(structuredClone(a)));
    // Pinned so an accidental change of the canonical form shows up: hashes are stored in facts.
    expect(contentHash({ b: 2, a: 1 })).toBe(
      '43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777',
    );
  });

  it('changes when the value changes', () => {
    expect(contentHash({ sex: 'male' })).not.toBe(contentHash({ sex: 'female' }));
  });
});
