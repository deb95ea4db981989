import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from './cli-run.ts';

describe('pnpm adapter:conformance, live (simulator and adapter started on the shared stack)', () => {
  it('fails an adapter that answers with invalid upstream credentials on that check alone', async () => {
    const { code, output, junit } = await runCli([
      `${FIXTURES}/credentials-ignored`,
      '--only',
      'connection',
      '--update-golden',
    ]);
    expect(code, output).toBe(1);
    expect(output).toContain('✓ started');
    expect(output).toContain('✓ same-fact-ids');
    expect(output).toContain('✓ valid-credentials');
    expect(output).toContain('✗ invalid-credentials');
    expect(output).toContain('facts with invalid credentials');
    expect(output).toContain('1 of 5 checks failed');
    expect(junit().match(/<failure /g)).toHaveLength(1);
  }, 300_000);
});
