import type { HttpApp } from '@motlan/http';
import { maskPersonalIds } from '@motlan/logger';
import { esc, layout, table } from '../html.ts';
import { operatorOf, type ConsoleContext, type ConsolePage } from './console-page.ts';

interface OpenDiscrepancy {
  personalId: string;
  factType: string;
  sourceSystems: string[];
  openedAt: string;
  updatedAt: string;
}

interface DiscrepancyCount {
  sourceSystems: string[];
  factType: string;
  open: number;
  resolved: number;
}

/**
 * (6) Open discrepancies between sources (the registry's GET /v1/discrepancies?state=open, which
 * an operator may list whole; the registry audits each entry as read by `ops-console`), shown
 * without personal data: the personal ID masked, the disagreeing values left out (the data
 * owners see them); and the counts per pair of sources and fact type (GET /v1/reports/discrepancies).
 */
export const discrepanciesPage: ConsolePage = {
  path: '/discrepancies',
  title: 'Discrepancies',
  register(app: HttpApp, context: ConsoleContext) {
    app.get('/discrepancies', { schema: { hide: true }, config: { page: true } }, async (request, reply) => {
      const registry = context.config.FACT_REGISTRY_URL;
      const report = await context.upstream.json<{ generatedAt: string; counts: DiscrepancyCount[] }>(
        `${registry}/v1/reports/discrepancies`,
      );
      const open = await context.upstream.json<{ discrepancies: OpenDiscrepancy[]; next?: string }>(
        `${registry}/v1/discrepancies?state=open&limit=200`,
      );
      const body = `<p>Where two sources disagree on a citizen's fact, as of ${esc(report.generatedAt)}.
The values themselves go to the data owners.</p><h2>Open${open.next ? ' (the oldest 200)' : ''}</h2>${table(
        ['CITIZEN', 'FACT TYPE', 'SOURCES', 'OPENED', 'UPDATED'],
        open.discrepancies.map((d) => [
          esc(maskPersonalIds(d.personalId)),
          esc(d.factType),
          esc(d.sourceSystems.join(' ↔ ')),
          esc(d.openedAt),
          esc(d.updatedAt),
        ]),
        'open-discrepancies',
      )}<h2>Counts</h2>${table(
        ['SOURCES', 'FACT TYPE', 'OPEN', 'RESOLVED'],
        report.counts.map((c) => [
          esc(c.sourceSystems.join(' ↔ ')),
          esc(c.factType),
          String(c.open),
          String(c.resolved),
        ]),
        'discrepancies',
      )}`;
      return reply.type('text/html; charset=utf-8').send(
        layout({
          title: 'Discrepancies',
          operator: operatorOf(request),
          nav: context.nav,
          here: '/discrepancies',
          body,
        }),
      );
    });
  },
};
