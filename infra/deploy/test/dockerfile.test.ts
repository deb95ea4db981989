import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEPLOY_ROOT, REPO_ROOT } from '../src/repo-root.ts';
import { lintDockerfile } from './support/dockerfile-lint.ts';

const dockerfile = readFileSync(join(DEPLOY_ROOT, 'docker/Dockerfile'), 'utf8');

describe('infra/deploy/docker/Dockerfile', () => {
  it('passes the linter', () => {
    expect(lintDockerfile(dockerfile)).toEqual([]);
  });

  it('builds from the lockfile, prunes to production dependencies and runs the workload’s build as the node user', () => {
    expect(dockerfile).toMatch(/pnpm install --frozen-lockfile --ignore-scripts/);
    expect(dockerfile).toMatch(
      /pnpm install --frozen-lockfile --prod .*--filter "\{\.\/\$\{SERVICE\}\}\.\.\."/,
    );
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "\/app\/entry\.mjs"\]$/m);
  });

  it('keeps what the image must not hold out of the build context (.dockerignore)', () => {
    const ignored = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(
      expect.arrayContaining(['**/node_modules', '**/dist', '**/.certs', '**/*.pem', '.git', '.env']),
    );
  });

  it('the linter rejects a broken Dockerfile: an unknown instruction, root, no health check, a floating base, a secret', () => {
    const problems = lintDockerfile(
      [
        'FROM node:latest AS build',
        'ENV DB_PASSWORD=hunter2',
        'RUN pnpm install',
        'COPYY . .',
        'USER root',
        'CMD ["node", "main.js"]',
        '',
      ].join('\n'),
    ).join('\n');
    expect(problems).toMatch(/line 4: Unknown instruction: COPYY/);
    expect(problems).toMatch(/base image node:latest is not pinned/);
    expect(problems).toMatch(/ENV carries a secret/);
    expect(problems).toMatch(/pnpm install without --frozen-lockfile/);
    expect(problems).toMatch(/non-root USER/);
    expect(problems).toMatch(/no HEALTHCHECK/);
  });
});
