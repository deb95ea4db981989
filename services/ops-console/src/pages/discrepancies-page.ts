import type { HttpApp } from '@motlan/http';
import { esc, layout, table } from '../html.ts';
import { operatorOf, type ConsoleContext, type ConsolePage } from './console-page.ts';

interface DiscrepancyCount {
  sourceSystems: string[];
  factType: string;
  open: number;
  resolved: number;
}

/**
 * (6) Discrepancies between sources: the registry's counts per pair of sources and fact type
 * (GET /v1/reports/discrepancies, which operators may read; no personal data). The entries
 * themselves go to the data owners (GET /v1/discrepancies), each audited there.
 */
export const discrepanciesPage: ConsolePage = {
  path: '/discrepancies',
  title: 'Discrepancies',
  register(app: HttpApp, context: ConsoleContext) {
    app.get('/discrepancies', { schema: { hide: true }, config: { page: true } }, async (request, reply) => {
      const report = await context.upstream.json<{ generatedAt: string; counts: DiscrepancyCount[] }>(
        `${context.config.FACT_REGISTRY_URL}/v1/reports/discrepancies`,
      );
      const body = `<p>Where two sources disagree on a citizen's fact, as of ${esc(report.generatedAt)}. The entries
themselves are for the data owners (the registry's GET /v1/discrepancies, audited).</p>${table(
        ['SOURCES', 'FACT TYPE', 'OPEN', 'RESOLVED'],
        report.counts.map((c) => [esc(c.sourceSystems.join(' ↔ ')), esc(c.factType), String(c.open), String(c.resolved)]),
        'discrepancies',
      )}`;
      return reply
        .type('text/html; charset=utf-8')
        .send(layout({ title: 'Discrepancies', operator: operatorOf(request), nav: context.nav, here: '/discrepancies', body }));
    });
  },
};
