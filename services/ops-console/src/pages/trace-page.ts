import { isMotlanError } from '@motlan/errors';
import { Type, type HttpApp } from '@motlan/http';
import { OpsCliErrors, traceCommand, type MeshTrace } from '@motlan/ops-cli';
import { audit } from '../console-audit.ts';
import { esc, layout, table } from '../html.ts';
import { operatorOf, type ConsoleContext, type ConsolePage } from './console-page.ts';

const TraceQuery = Type.Object({
  target: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: '^[\\x21-\\x7e]+$',
      description: 'A dossier code (MT-YYYYMMDD-NNNNNN) or a request id (x-request-id)',
    }),
  ),
});

/**
 * (9) The trace of a dossier or a request: ops-cli's `trace` (`traceMesh`: the dossier's steps,
 * the records it caused on Kafka with partition, offset and trace id, the facts stored, the
 * disclosures answered for its requests), oldest first. Personal IDs are masked by ops-cli; every
 * look-up is audited (subject: the dossier code or request id).
 */
export const tracePage: ConsolePage = {
  path: '/trace',
  title: 'Trace',
  register(app: HttpApp, context: ConsoleContext) {
    app.get(
      '/trace',
      { schema: { hide: true, querystring: TraceQuery }, config: { page: true } },
      async (request, reply) => {
        const { target } = request.query;
        let result = '';
        if (target) {
          await audit(context.trail, {
            operator: operatorOf(request),
            action: 'trace',
            subject: target,
            requestId: request.id,
          });
          try {
            const output = await traceCommand(context.ops, context.env, target, {
              auditSchema: context.config.OPS_CONSOLE_AUDIT_SCHEMAS.split(',').filter(Boolean),
            });
            result = traceHtml(output.json);
          } catch (error) {
            if (!isMotlanError(error) || error.code !== OpsCliErrors.traceNotFound.code) throw error;
            result = `<p class="bad" id="trace-missing">${esc(error.message)}</p>`;
          }
        }
        const body = `<form method="get" action="/trace"><label>Dossier code or request id <input name="target" size="40" value="${esc(target ?? '')}"></label>
<button>Trace</button></form>${result}`;
        return reply
          .type('text/html; charset=utf-8')
          .send(
            layout({ title: 'Trace', operator: operatorOf(request), nav: context.nav, here: '/trace', body }),
          );
      },
    );
  },
};

function traceHtml(trace: MeshTrace): string {
  const dossier = trace.dossier
    ? `<p id="trace-dossier">dossier <code>${esc(trace.dossier.code)}</code>: procedure ${esc(trace.dossier.procedureCode)}, ${esc(trace.dossier.status)}, received ${esc(trace.dossier.receivedAt)}</p>`
    : '';
  const hops = table(
    ['+MS', 'SERVICE', 'KIND', 'WHAT', 'KAFKA', 'TRACE ID', 'REQUEST ID'],
    trace.hops.map((hop) => [
      esc(hop.sinceStartMs),
      esc(hop.service),
      esc(hop.kind),
      esc(hop.what),
      hop.kafka ? esc(`${hop.kafka.topic} p${hop.kafka.partition} @${hop.kafka.offset}`) : '',
      `<code>${esc(hop.traceId ?? '')}</code>`,
      `<code>${esc(hop.requestId ?? '')}</code>`,
    ]),
    'trace',
  );
  const notes = trace.notes.length
    ? `<ul>${trace.notes.map((note) => `<li>${esc(note)}</li>`).join('')}</ul>`
    : '';
  return `<p>${trace.hops.length} hops over ${trace.durationMs} ms</p>${dossier}${hops}${notes}`;
}
