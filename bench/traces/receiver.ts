/**
 * A local OTLP/HTTP receiver standing in for a collector: answers every export 200 at once and
 * counts what it got (requests, bytes, spans), so the bench can say how many spans each call cost
 * and that none were refused. It parses each JSON body to count spans, as a collector would.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedTotals {
  requests: number;
  bytes: number;
  spans: number;
  /** Bodies that were not OTLP JSON (each would be a lost export). */
  unreadable: number;
}

export interface OtlpReceiver {
  /** The base URL to give as OTEL_EXPORTER_OTLP_ENDPOINT. */
  endpoint: string;
  totals(): ReceivedTotals;
  close(): Promise<void>;
}

interface OtlpExport {
  resourceSpans?: { scopeSpans?: { spans?: unknown[] }[] }[];
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const totals: ReceivedTotals = { requests: 0, bytes: 0, spans: 0, unreadable: 0 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      totals.requests += 1;
      totals.bytes += body.length;
      try {
        const exported = JSON.parse(body.toString('utf8')) as OtlpExport;
        for (const resource of exported.resourceSpans ?? []) {
          for (const scope of resource.scopeSpans ?? []) totals.spans += scope.spans?.length ?? 0;
        }
      } catch {
        totals.unreadable += 1;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    totals: () => ({ ...totals }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
