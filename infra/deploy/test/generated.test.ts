import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatedFiles, staleFiles } from '../src/generated-files.ts';
import { DEPLOY_ROOT } from '../src/repo-root.ts';

describe('generated deployment files', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'motlan-generated-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('are committed exactly as the generator makes them from workloads.ts, topics.ts, topic-access.ts and the policy', () => {
    expect(staleFiles(DEPLOY_ROOT)).toEqual([]);
  });

  it('a committed file edited by hand, or missing, is found stale', () => {
    const files = generatedFiles();
    for (const path of files.keys())
      cpSync(join(DEPLOY_ROOT, path), join(scratch, path), { recursive: true });
    writeFileSync(
      join(scratch, 'k8s/base/generated/kafka-users.yaml'),
      files.get('k8s/base/generated/kafka-users.yaml')!.replace('Describe', 'Alter'),
    );
    rmSync(join(scratch, 'compose/compose.yaml'));
    expect(staleFiles(scratch, files)).toEqual([
      'k8s/base/generated/kafka-users.yaml',
      'compose/compose.yaml',
    ]);
  });
});
