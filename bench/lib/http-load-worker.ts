/**
 * Child process started by runHttpLoad (http-load.ts): waits for its options over IPC, drives the
 * server over a pool of keep-alive connections (undici) in a closed or an open loop, and sends
 * the result back.
 */
import { Pool } from 'undici';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { serveOneRun } from './child-process.ts';
import type { HttpLoadOptions, HttpLoadResult } from './http-load.ts';
import { closedLoop, openLoop, type LoopOutcome } from './load-loop.ts';
import { readProcessMemory } from './process-stats.ts';
import { readTlsFiles } from './tls.ts';

const JSON_HEADERS = { 'content-type': 'application/json' };

function fieldAt(answer: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | null | undefined)?.[key], answer);
}

async function generateLoad(options: HttpLoadOptions): Promise<HttpLoadResult> {
  if (options.requests.length === 0) {
    throw new MotlanError(CommonErrors.validation, 'give the load generator a non-empty requests list');
  }
  // Bodies are serialised once: the generator's own work must stay small next to the server's.
  const requests = options.requests.map((request) => ({
    method: request.method,
    path: request.path,
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    headers: { ...(request.body === undefined ? {} : JSON_HEADERS), ...request.headers },
  }));
  const deadlineMs = options.deadlineMs ?? 10_000;
  const pool = new Pool(options.origin, {
    connections: options.concurrency,
    ...(options.tls ? { connect: { ...readTlsFiles(options.tls) } } : {}),
  });
  let next = 0;
  const countBy = options.countResponsesBy;
  const call = async (): Promise<unknown> => {
    const request = requests[next]!;
    next = (next + 1) % requests.length;
    const answer = await pool.request({ ...request, headersTimeout: deadlineMs, bodyTimeout: deadlineMs });
    const text = await answer.body.text();
    if (answer.statusCode !== options.expectStatus) {
      const problem = /"code"\s*:\s*"([^"]+)"/.exec(text)?.[1] ?? text.slice(0, 120);
      throw new MotlanError(
        CommonErrors.unavailable,
        `${request.method} ${request.path} → ${answer.statusCode} ${problem}`,
      );
    }
    return countBy === undefined ? undefined : (JSON.parse(text) as unknown);
  };
  const responseCounts: Record<string, number> = {};
  const onAnswer = (answer: unknown): void => {
    if (countBy === undefined) return;
    const key = String(fieldAt(answer, countBy));
    responseCounts[key] = (responseCounts[key] ?? 0) + 1;
  };
  const loop = { call, onAnswer, warmupSeconds: options.warmupSeconds, seconds: options.seconds };

  try {
    let window: LoopOutcome;
    let openLoopFigures: HttpLoadResult['openLoop'];
    if (options.rate === undefined) {
      window = await closedLoop({ ...loop, concurrency: options.concurrency });
    } else {
      const outcome = await openLoop({ ...loop, rate: options.rate, maxInFlight: options.concurrency });
      window = outcome;
      openLoopFigures = {
        rate: options.rate,
        scheduled: outcome.scheduled,
        skipped: outcome.skipped,
        peakInFlight: outcome.peakInFlight,
      };
    }
    return {
      concurrency: options.concurrency,
      distinctRequests: requests.length,
      requests: window.latency.count,
      errors: window.errors,
      errorSamples: window.errorSamples,
      ...(countBy === undefined ? {} : { responseCounts }),
      ...(openLoopFigures ? { openLoop: openLoopFigures } : {}),
      elapsedSeconds: window.elapsedSeconds,
      requestsPerSecond: window.latency.count / window.elapsedSeconds,
      latency: window.latency.summary(),
      loadMemory: readProcessMemory(process.pid),
    };
  } finally {
    await pool.close();
  }
}

serveOneRun(generateLoad);
