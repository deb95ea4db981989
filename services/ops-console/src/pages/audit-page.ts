import type { AuditTrailVerdict } from '@motlan/access';
import type { HttpApp } from '@motlan/http';
import { auditVerifyCommand } from '@motlan/ops-cli';
import { esc, layout, table } from '../html.ts';
import { operatorOf, type ConsoleContext, type ConsolePage } from './console-page.ts';

/**
 * (7) Audit chain status per service: ops-cli's `audit verify` (every chain recomputed and checked
 * against the heads anchored on access.audit-anchors.v1) over OPS_CONSOLE_AUDIT_SCHEMAS and the
 * console's own schema.
 */
export const auditPage: ConsolePage = {
  path: '/audit',
  title: 'Audit chains',
  register(app: HttpApp, context: ConsoleContext) {
    app.get('/audit', { schema: { hide: true }, config: { page: true } }, async (request, reply) => {
      const schemas = [
        ...context.config.OPS_CONSOLE_AUDIT_SCHEMAS.split(',').filter(Boolean),
        context.config.OPS_CONSOLE_SCHEMA,
      ];
      const output = await auditVerifyCommand(context.ops, context.env, { schema: schemas });
      const { trails } = output.json as { trails: AuditTrailVerdict[] };
      const body = table(
        ['SCHEMA', 'STATE', 'CHAINS', 'LINKS VERIFIED', 'DETAIL'],
        trails.map((t) => [
          esc(t.store),
          !t.present && t.chains.length === 0
            ? '<span class="muted">no audit trail</span>'
            : t.ok
              ? '<span class="ok">intact</span>'
              : '<span class="bad">BROKEN</span>',
          String(t.chains.length),
          String(t.checked),
          `<pre>${esc(
            t.chains
              .map(
                (c) =>
                  `${c.chain} links 1..${c.head}, ${c.anchored === undefined ? 'not anchored yet' : `anchored through ${c.anchored}`}` +
                  (c.broken ? ` BROKEN (${c.broken.kind}) at ${c.broken.sequence}: ${c.broken.reason}` : ''),
              )
              .join('\n'),
          )}</pre>`,
        ]),
        'audit',
      );
      return reply.type('text/html; charset=utf-8').send(
        layout({
          title: 'Audit chains',
          operator: operatorOf(request),
          nav: context.nav,
          here: '/audit',
          body,
        }),
      );
    });
  },
};
