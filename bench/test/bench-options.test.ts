import { describe, expect, it } from 'vitest';
import { MotlanError } from '@motlan/errors';
import { optionsToSettings } from '../lib/bench-options.ts';

const options = { '--seconds': 'BENCH_SECONDS', '--rate': 'BENCH_NOTIFY_RATE' };

describe('optionsToSettings', () => {
  it('turns --name value and --name=value into the settings they stand for, keeping the other arguments', () => {
    expect(optionsToSettings(['--seconds', '10', 'part', '--rate=250'], options)).toEqual({
      settings: { BENCH_SECONDS: '10', BENCH_NOTIFY_RATE: '250' },
      rest: ['part'],
    });
    expect(optionsToSettings([], options)).toEqual({ settings: {}, rest: [] });
  });

  it('refuses an unknown option and one without its value, naming it', () => {
    for (const args of [['--secs', '10'], ['--seconds'], ['--seconds', '--rate', '5'], ['--rate=']]) {
      let caught: unknown;
      try {
        optionsToSettings(args, options);
      } catch (error) {
        caught = error;
      }
      expect(caught, args.join(' ')).toBeInstanceOf(MotlanError);
      expect((caught as MotlanError).code).toBe('MOTLAN_VALIDATION_FAILED');
      expect((caught as MotlanError).field).toBe(args[0]!.split('=')[0]);
    }
  });
});
