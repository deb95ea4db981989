import { Type, type HttpApp } from '@motlan/http';
import { tailCommand, topicsCommand, type DecodedRecord, type TopicSummary } from '@motlan/ops-cli';
import { audit } from '../console-audit.ts';
import { esc, layout, table } from '../html.ts';
import { operatorOf, type ConsoleContext, type ConsolePage } from './console-page.ts';

const TailQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 20, description: 'The last N records' }),
  unmask: Type.Boolean({ default: false, description: 'Personal values in clear (audited)' }),
});
const TopicParams = Type.Object({
  topic: Type.String({
    pattern: '^[a-z0-9][a-z0-9.-]{0,200}$',
    description: 'A declared topic (or its .dlq twin)',
  }),
});

/** ops-cli's DecodedRecord, as the JSON route answers it. */
const TailAnswer = Type.Object({
  topic: Type.String(),
  masked: Type.Boolean(),
  records: Type.Array(
    Type.Object({
      topic: Type.String(),
      partition: Type.Integer(),
      offset: Type.String(),
      timestamp: Type.String({ format: 'date-time', description: "The broker's timestamp" }),
      key: Type.String({ description: 'Personal IDs masked unless unmask' }),
      headers: Type.Record(Type.String(), Type.String(), { description: 'Every header as text' }),
      decodedWith: Type.Union([Type.String(), Type.Null()], {
        description: 'The protobuf message that decoded the value, or null',
      }),
      value: Type.Unknown({ description: 'The decoded value, personal fields `[REDACTED]` unless unmask' }),
      undecodable: Type.Optional(Type.String({ description: 'Why the value could not be decoded' })),
    }),
  ),
});

/** The last records, decoded, and the unmask audited (subject: the topic). */
async function tail(
  context: ConsoleContext,
  request: { callerIdentity?: string | undefined; id: string },
  topic: string,
  query: { limit: number; unmask: boolean },
): Promise<{ topic: string; masked: boolean; records: DecodedRecord[] }> {
  const output = await tailCommand(context.ops, topic, {
    from: 'end',
    limit: query.limit,
    unmask: query.unmask,
  });
  if (query.unmask) {
    await audit(context.trail, {
      operator: operatorOf(request),
      action: 'tail-unmasked',
      subject: topic,
      requestId: request.id,
    });
  }
  return output.json as { topic: string; masked: boolean; records: DecodedRecord[] };
}

/** Records as rows: where, the schema that decoded each (or why none could), envelope, value. */
export function recordsTable(records: readonly DecodedRecord[]): string {
  return table(
    ['POSITION', 'TIME', 'KEY', 'DECODED WITH', 'EVENT TYPE', 'HEADERS', 'VALUE'],
    records.map((r) => [
      `${r.partition}:${esc(r.offset)}`,
      esc(r.timestamp),
      esc(r.key),
      r.decodedWith
        ? `<code class="schema">${esc(r.decodedWith)}</code>`
        : `<span class="bad">${esc(r.undecodable)}</span>`,
      esc(r.headers['motlan-event-type'] ?? ''),
      `<pre>${esc(
        Object.entries(r.headers)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n'),
      )}</pre>`,
      `<pre>${esc(JSON.stringify(r.value, null, 2))}</pre>`,
    ]),
    'records',
  );
}

// Live tail: the page asks the JSON route again every few seconds and redraws the table.
const LIVE_SCRIPT = `<script>
(() => {
  const box = document.getElementById('live');
  const url = box.dataset.api;
  const esc = (t) => String(t ?? '').replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
  async function refresh() {
    const answer = await fetch(url, { credentials: 'same-origin' });
    if (!answer.ok) return;
    const { records } = await answer.json();
    const rows = records.map((r) => '<tr><td>' + r.partition + ':' + esc(r.offset) + '</td><td>' + esc(r.timestamp) +
      '</td><td>' + esc(r.key) + '</td><td>' + (r.decodedWith ? '<code class="schema">' + esc(r.decodedWith) + '</code>' :
      '<span class="bad">' + esc(r.undecodable) + '</span>') + '</td><td>' + esc(r.headers['motlan-event-type']) +
      '</td><td><pre>' + esc(Object.entries(r.headers).map(([k, v]) => k + ': ' + v).join('\\n')) + '</pre></td><td><pre>' +
      esc(JSON.stringify(r.value, null, 2)) + '</pre></td></tr>').join('');
    box.innerHTML = records.length ? '<table id="records"><thead><tr><th>POSITION</th><th>TIME</th><th>KEY</th><th>DECODED WITH</th><th>EVENT TYPE</th><th>HEADERS</th><th>VALUE</th></tr></thead><tbody>' + rows + '</tbody></table>' : '<p class="muted">Nothing here.</p>';
  }
  setInterval(() => refresh().catch(() => undefined), 3000);
})();
</script>`;

/** (1) Topics: every declared topic; one topic's last records decoded, live, masked unless asked. */
export const topicsPage: ConsolePage = {
  path: '/topics',
  title: 'Topics',
  register(app: HttpApp, context: ConsoleContext) {
    app.get('/topics', { schema: { hide: true }, config: { page: true } }, async (request, reply) => {
      const { topics } = (await topicsCommand(context.ops)).json as { topics: TopicSummary[] };
      const body = table(
        ['TOPIC', 'PARTITIONS', 'MESSAGES', 'PAYLOAD'],
        topics.map((t) => [
          t.exists ? `<a href="/topics/${esc(t.topic)}">${esc(t.topic)}</a>` : `${esc(t.topic)} (missing)`,
          String(t.partitions),
          String(t.messages),
          `<code>${esc(t.payload)}</code>`,
        ]),
      );
      return reply
        .type('text/html; charset=utf-8')
        .send(
          layout({ title: 'Topics', operator: operatorOf(request), nav: context.nav, here: '/topics', body }),
        );
    });

    app.get(
      '/topics/:topic',
      { schema: { hide: true, params: TopicParams, querystring: TailQuery }, config: { page: true } },
      async (request, reply) => {
        const { topic } = request.params;
        const answer = await tail(context, request, topic, request.query);
        const api = `/api/topics/${encodeURIComponent(topic)}/records?limit=${request.query.limit}&unmask=${request.query.unmask}`;
        const toggle = request.query.unmask
          ? `<a href="/topics/${esc(topic)}">mask personal values</a>`
          : `<a id="unmask" href="/topics/${esc(topic)}?unmask=true">show personal values (audited)</a>`;
        const body = `<p>The last ${request.query.limit} records, decoded with the schema each names in its
<code>motlan-schema</code> header (else the topic's declared one); refreshed every 3 s.
Personal values are ${answer.masked ? 'masked' : '<b>shown</b>'}: ${toggle}</p>
<div id="live" data-api="${esc(api)}">${recordsTable(answer.records)}</div>${LIVE_SCRIPT}`;
        return reply.type('text/html; charset=utf-8').send(
          layout({
            title: `Topic ${topic}`,
            operator: operatorOf(request),
            nav: context.nav,
            here: '/topics',
            body,
          }),
        );
      },
    );

    app.get(
      '/api/topics/:topic/records',
      {
        schema: {
          tags: ['topics'],
          summary:
            "A topic's last records, decoded, with the schema that decoded each; masked unless unmask (audited)",
          params: TopicParams,
          querystring: TailQuery,
          response: { 200: TailAnswer },
        },
      },
      async (request) => tail(context, request, request.params.topic, request.query),
    );
  },
};
