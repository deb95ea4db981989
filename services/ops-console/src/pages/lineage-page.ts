import { Type, type HttpApp } from '@motlan/http';
import { maskPersonalIds } from '@motlan/logger';
import { lineageCommand, type FactLineage } from '@motlan/ops-cli';
import { audit } from '../console-audit.ts';
import { esc, layout, table } from '../html.ts';
import { operatorOf, type ConsoleContext, type ConsolePage } from './console-page.ts';

const LineageQuery = Type.Object({
  fact: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: '^[A-Za-z0-9._:-]+$',
      description: 'A fact id of the registry (fact_history.fact_id)',
    }),
  ),
  unmask: Type.Boolean({ default: false, description: 'The personal ID and value in clear (audited)' }),
});

/**
 * (8) The lineage of a fact: ops-cli's `lineage` (provenance, content hash recomputed, current or
 * superseded, who read the citizen's facts of that type since). Every lookup is audited (the fact
 * shows who read a citizen's data); the subject is the fact id, or the personal ID when unmasked.
 */
export const lineagePage: ConsolePage = {
  path: '/lineage',
  title: 'Lineage',
  register(app: HttpApp, context: ConsoleContext) {
    app.get(
      '/lineage',
      { schema: { hide: true, querystring: LineageQuery }, config: { page: true } },
      async (request, reply) => {
        const { fact, unmask } = request.query;
        let result = '';
        if (fact) {
          const output = await lineageCommand(context.env, fact, {
            registrySchema: context.config.FACT_REGISTRY_SCHEMA,
            unmask,
          });
          const lineage = output.json as FactLineage;
          const provenance = JSON.stringify(lineage.provenance, null, 2);
          await audit(context.trail, {
            operator: operatorOf(request),
            action: 'lineage',
            subject: unmask ? lineage.subject : `fact ${lineage.factId}`,
            factTypes: [lineage.type],
            requestId: request.id,
          });
          result = `${table(
            ['FIELD', 'VALUE'],
            [
              ['fact', esc(lineage.factId)],
              ['subject', esc(lineage.subject)],
              ['type', esc(lineage.type)],
              ['value', `<pre>${esc(JSON.stringify(lineage.value, null, 2))}</pre>`],
              [
                'provenance',
                // ops-cli masks the subject and value; a source record reference may hold the
                // personal ID too (`<source>/<personal ID>`), so the provenance is masked here.
                `<pre>${esc(unmask ? provenance : maskPersonalIds(provenance))}</pre>`,
              ],
              ['recorded at', esc(lineage.recordedAt)],
              [
                'content hash',
                `${lineage.contentHash.matches ? '<span class="ok">matches</span>' : '<span class="bad">DIFFERS</span>'} <code>${esc(lineage.contentHash.stored)}</code>`,
              ],
              [
                'current',
                lineage.current
                  ? 'yes'
                  : `superseded by ${esc(lineage.supersededBy?.factId)} (${esc(lineage.supersededBy?.sourceSystem)})`,
              ],
            ],
            'lineage',
          )}<h2>Read since</h2>${table(
            ['WHEN', 'CLIENT', 'PURPOSE', 'OUTCOME', 'DISCLOSER'],
            lineage.disclosures.map((d) => [
              esc(d.occurredAt),
              esc(d.client),
              esc(d.purpose),
              esc(d.outcome),
              esc(d.discloser),
            ]),
          )}${unmask ? '' : `<p><a href="/lineage?fact=${esc(fact)}&amp;unmask=true">show personal values (audited)</a></p>`}`;
        }
        const body = `<form method="get" action="/lineage"><label>Fact id <input name="fact" size="40" value="${esc(fact ?? '')}"></label>
<button>Look up</button></form>${result}`;
        return reply.type('text/html; charset=utf-8').send(
          layout({
            title: 'Lineage of a fact',
            operator: operatorOf(request),
            nav: context.nav,
            here: '/lineage',
            body,
          }),
        );
      },
    );
  },
};
