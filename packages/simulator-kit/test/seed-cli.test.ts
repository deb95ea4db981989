import { afterEach, describe, expect, it, vi } from 'vitest';
import { integerArg, parseSeedArgs } from '../src/index.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('seed CLI arguments', () => {
  it('takes the common options and the simulator’s own, past a leading --, and refuses unknown ones', () => {
    expect(
      parseSeedArgs(['--', '--seed', '7', '--people', '10', '--if-empty'], { people: { type: 'string' } }),
    ).toEqual({ seed: '7', people: '10', reset: false, 'if-empty': true, help: false });
    expect(() => parseSeedArgs(['--people', '10'], {})).toThrow();
  });

  it('reads integers, negative ones only when signed, and exits 2 on anything else', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(integerArg('seed', undefined, 42)).toBe(42);
    expect(integerArg('seed', '-3', 42, { signed: true })).toBe(-3);
    expect(() => integerArg('people', '-3', 0)).toThrow('exit 2');
    expect(stderr).toHaveBeenLastCalledWith('--people must be a non-negative integer, got "-3"\n');
    expect(() => integerArg('seed', '1.5', 0, { signed: true })).toThrow('exit 2');
    expect(stderr).toHaveBeenLastCalledWith('--seed must be an integer, got "1.5"\n');
    expect(exit).toHaveBeenCalledTimes(2);
  });
});
