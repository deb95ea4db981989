import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./fixtures/load-main.ts', import.meta.url));
const CLIENTS = 16;

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

type Outcome =
  | { kind: 'ok' }
  | {
      kind: 'refused';
      status: number;
      contentType: string;
      body: string;
      retryAfter?: string;
      connection?: string;
    }
  | { kind: 'connection error'; code: string };

function get(agent: Agent, url: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(url, { agent }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve(
          response.statusCode === 200
            ? { kind: 'ok' }
            : {
                kind: 'refused',
                status: response.statusCode ?? 0,
                contentType: response.headers['content-type'] ?? '',
                body,
                ...(response.headers['retry-after'] ? { retryAfter: response.headers['retry-after'] } : {}),
                ...(response.headers.connection ? { connection: response.headers.connection } : {}),
              },
        ),
      );
      response.on('error', (error: NodeJS.ErrnoException) =>
        resolve({ kind: 'connection error', code: error.code ?? error.message }),
      );
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ kind: 'connection error', code: error.code ?? error.message }),
    );
    req.end();
  });
}

describe('SIGTERM under load (a real process, keep-alive clients)', () => {
  it('answers every request it accepted, refuses the rest as problem+json 503, and exits 0 within its budget', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: { ...process.env, LOG_LEVEL: 'info', WORK_MS: '20' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const lines = () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    const line = (msg: string) => lines().find((entry) => entry['msg'] === msg);
    const deadline = Date.now() + 90_000;
    while (!line('load fixture listening')) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`never listened:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const url = `${String(line('load fixture listening')!['http'])}/work`;

    // Each client keeps its connection alive and sends again as soon as it is answered; one that
    // is refused (503, Connection: close) or cannot connect any more stops.
    const outcomes: Outcome[] = [];
    let signalled = false;
    const client = async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (;;) {
          const outcome = await get(agent, url);
          outcomes.push(outcome);
          if (outcome.kind !== 'ok' && signalled) return;
          if (outcome.kind !== 'ok') throw new Error(`before SIGTERM: ${JSON.stringify(outcome)}`);
        }
      } finally {
        agent.destroy();
      }
    };
    const clients = Array.from({ length: CLIENTS }, () => client());
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const okBefore = outcomes.filter((outcome) => outcome.kind === 'ok').length;
    signalled = true;
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    await Promise.all(clients);
    expect(await exited).toBe(0);
    const stopMs = Date.now() - signalledAt;

    const served = line('load fixture served') as { accepted: number; answered: number };
    const ok = outcomes.filter((outcome) => outcome.kind === 'ok').length;
    const refused = outcomes.filter((outcome) => outcome.kind === 'refused');
    const connectionErrors = outcomes.filter((outcome) => outcome.kind === 'connection error');
    console.info(
      `drain under load: ${okBefore} answered before SIGTERM, ${ok} in all; accepted ${served.accepted}; ` +
        `refused ${refused.length}; connection errors ${connectionErrors.length} ` +
        `(${[...new Set(connectionErrors.map((outcome) => outcome.code))].join(', ')}); exit after ${stopMs} ms`,
    );
    // Zero lost accepted requests: every request a handler took was answered to its client.
    expect(served.accepted).toBe(served.answered);
    expect(ok).toBe(served.accepted);
    // Every refused one is the project's problem+json 503, telling the client to send again.
    for (const outcome of refused) {
      expect(outcome).toMatchObject({
        status: 503,
        contentType: 'application/problem+json; charset=utf-8',
        retryAfter: '1',
        connection: 'close',
      });
      expect(JSON.parse((outcome as { body: string }).body)).toMatchObject({
        code: 'MOTLAN_SHUTTING_DOWN',
        canRetry: true,
      });
    }
    // A client whose connection was closed before it sent again is told so at connect time
    // (nothing was accepted); no request is cut in the middle of its answer.
    for (const outcome of connectionErrors) {
      expect(['ECONNREFUSED', 'ECONNRESET']).toContain((outcome as { code: string }).code);
    }
    // The relay flushed after the servers drained, within the 10 s drain budget.
    expect(line('relay flushed')).toMatchObject({ answered: served.answered });
    expect(stopMs).toBeLessThan(10_000);
  }, 120_000);
});
