import type { HttpApp } from '@motlan/http';
import { maskPersonalIds } from '@motlan/logger';
import { pairs } from '../config.ts';
import { esc, layout, table } from '../html.ts';
import { operatorOf, type ConsoleContext, type ConsolePage } from './console-page.ts';

interface QuarantinedRecord {
  feed: string;
  subject: string;
  version: string;
  reasonCode: string;
  reason: string;
  field?: string;
  attempts: number;
  quarantinedAt: string;
}

/**
 * (5) Upstream records the adapters could not map (their GET /v1/quarantine, mutual TLS as
 * ops-console), with the reason; the personal ID each is about is masked.
 */
export const quarantinePage: ConsolePage = {
  path: '/quarantine',
  title: 'Quarantine',
  register(app: HttpApp, context: ConsoleContext) {
    app.get('/quarantine', { schema: { hide: true }, config: { page: true } }, async (request, reply) => {
      const sections: string[] = [];
      for (const [adapter, url] of pairs(context.config.OPS_CONSOLE_ADAPTERS, '=')) {
        try {
          const answer = await context.upstream.json<{ open: number; records: QuarantinedRecord[] }>(
            `${url}/v1/quarantine?limit=200`,
          );
          sections.push(
            `<h2>${esc(adapter)}: ${answer.open} open</h2>${table(
              ['FEED', 'SUBJECT', 'VERSION', 'REASON CODE', 'REASON', 'FIELD', 'ATTEMPTS', 'QUARANTINED AT'],
              answer.records.map((r) => [
                esc(r.feed),
                esc(maskPersonalIds(r.subject)),
                esc(r.version),
                esc(r.reasonCode),
                esc(r.reason),
                esc(r.field ?? ''),
                String(r.attempts),
                esc(r.quarantinedAt),
              ]),
            )}`,
          );
        } catch (error) {
          sections.push(
            `<h2>${esc(adapter)}</h2><p class="bad">unreachable: ${esc((error as Error).message)}</p>`,
          );
        }
      }
      return reply.type('text/html; charset=utf-8').send(
        layout({
          title: 'Quarantined upstream records',
          operator: operatorOf(request),
          nav: context.nav,
          here: '/quarantine',
          body: `<p>Records an adapter read upstream and could not map to facts; the feed went on without them.</p>${sections.join('')}`,
        }),
      );
    });
  },
};
