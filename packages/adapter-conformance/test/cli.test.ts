import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from './cli-run.ts';

describe('pnpm adapter:conformance, files only (contract, compatibility)', () => {
  it('fails a deliberately broken adapter on the matching checks, exits 1 and writes them to JUnit', async () => {
    const { code, output, junit } = await runCli([
      `${FIXTURES}/broken-adapter`,
      '--only',
      'contract,compatibility',
    ]);
    expect(code, output).toBe(1);
    expect(output).toContain('✗ fact-types-in-catalog');
    expect(output).toContain('identity.shoe_size');
    expect(output).toContain('✗ released-contract');
    expect(output).toContain('identity.sex: removed (released in 0.1.0)');
    expect(output).toContain('2 of 2 checks failed: broken-adapter does not conform');
    const xml = junit();
    expect(xml.match(/<failure /g)).toHaveLength(2);
    expect(xml).toContain('name="broken-adapter.compatibility"');
  }, 60_000);

  it('passes the population adapter against its own released contract', async () => {
    const { code, output } = await runCli(['population-adapter', '--only', 'contract,compatibility']);
    expect(code, output).toBe(0);
    expect(output).toContain('2 checks passed: population-adapter conforms');
  }, 60_000);

  it('exits 2 naming the problem for an adapter without a descriptor or an unknown suite; --help exits 0', async () => {
    const unknown = await runCli(['no-such-adapter']);
    expect(unknown.code).toBe(2);
    expect(unknown.output).toContain('MOTLAN_CONFORMANCE_ADAPTER_UNKNOWN');
    const suite = await runCli(['population-adapter', '--only', 'contract,speed']);
    expect(suite.code).toBe(2);
    expect(suite.output).toContain('Unknown suite: speed');
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.output).toContain('Usage: pnpm adapter:conformance <adapter>');
  }, 60_000);
});
