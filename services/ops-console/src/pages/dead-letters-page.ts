import { MotlanError, CommonErrors } from '@motlan/errors';
import { Type, type HttpApp } from '@motlan/http';
import { dlqListCommand, dlqRedriveCommand, type DeadLetterSummary, type Redriven } from '@motlan/ops-cli';
import { audit } from '../console-audit.ts';
import { esc, layout, table } from '../html.ts';
import { operatorOf, type ConsoleContext, type ConsolePage } from './console-page.ts';

const RedriveBody = Type.Object(
  {
    topic: Type.String({
      pattern: '^[a-z0-9][a-z0-9.-]{0,200}$',
      description: 'The source topic, as declared',
    }),
    position: Type.Optional(
      Type.String({
        pattern: '^[0-9]{1,9}:[0-9]{1,19}$',
        description: 'One dead letter, `partition:offset` of the .dlq topic',
      }),
    ),
    all: Type.Optional(Type.Boolean({ description: 'Every dead letter of the topic' })),
  },
  { additionalProperties: false },
);

/**
 * ops-cli's `dlq redrive` (idempotent: the same event id, consumers de-duplicate), each redriven
 * letter audited (subject `<topic>.dlq <position>`) once it is written.
 */
async function redrive(
  context: ConsoleContext,
  request: { callerIdentity?: string | undefined; id: string },
  body: { topic: string; position?: string | undefined; all?: boolean | undefined },
): Promise<Redriven[]> {
  if ((body.all === true) === (body.position !== undefined)) {
    throw new MotlanError(CommonErrors.validation, 'Give exactly one of position or all=true', {
      field: 'body.position',
    });
  }
  const output = await dlqRedriveCommand(context.ops, body.topic, {
    ...(body.position ? { offset: body.position } : {}),
    all: body.all === true,
    dryRun: false,
  });
  const { redriven } = output.json as { redriven: Redriven[] };
  for (const letter of redriven) {
    await audit(context.trail, {
      operator: operatorOf(request),
      action: 'redrive',
      subject: `${letter.to}.dlq ${letter.from}`,
      requestId: request.id,
    });
  }
  return redriven;
}

/** (4) Dead letters with their reason; redrive one, or all of a topic, back to the source topic. */
export const deadLettersPage: ConsolePage = {
  path: '/dead-letters',
  title: 'Dead letters',
  register(app: HttpApp, context: ConsoleContext) {
    app.get('/dead-letters', { schema: { hide: true }, config: { page: true } }, async (request, reply) => {
      const { deadLetters } = (await dlqListCommand(context.ops, {})).json as {
        deadLetters: DeadLetterSummary[];
      };
      const topics = [...new Set(deadLetters.map((l) => l.topic))];
      const form = (topic: string, field: string, label: string) =>
        `<form class="inline" method="post" action="/dead-letters/redrive"><input type="hidden" name="topic" value="${esc(topic)}">${field}<button>${esc(label)}</button></form>`;
      const body = `<p>Records a consumer could not handle, with why. A redrive writes the original key, value
and envelope back to the source topic (same event id: consumers apply it once), and is audited.</p>
${topics.map((t) => form(t, '<input type="hidden" name="all" value="true">', `Redrive all of ${t}`)).join(' ')}
${table(
  [
    'TOPIC',
    'POSITION',
    'ORIGINAL',
    'EVENT TYPE',
    'EVENT ID',
    'ERROR CODE',
    'REASON',
    'ATTEMPTS',
    'FAILED AT',
    '',
  ],
  deadLetters.map((l) => [
    esc(l.topic),
    esc(l.position),
    esc(l.original),
    esc(l.eventType),
    `<code>${esc(l.eventId)}</code>`,
    esc(l.errorCode),
    esc(l.error),
    String(l.attempts),
    esc(l.failedAt),
    form(l.topic, `<input type="hidden" name="position" value="${esc(l.position)}">`, 'Redrive'),
  ]),
  'dead-letters',
)}`;
      return reply.type('text/html; charset=utf-8').send(
        layout({
          title: 'Dead letters',
          operator: operatorOf(request),
          nav: context.nav,
          here: '/dead-letters',
          body,
        }),
      );
    });

    app.post(
      '/dead-letters/redrive',
      { schema: { hide: true, body: RedriveBody }, config: { page: true } },
      async (request, reply) => {
        const done = await redrive(context, request, request.body);
        const body = `<ul id="redriven">${done
          .map(
            (r) =>
              `<li>redrove ${esc(r.to)}.dlq ${esc(r.from)} (${esc(r.eventType)} <code>${esc(r.eventId)}</code>) to ${esc(r.to)} at ${esc(r.written)}</li>`,
          )
          .join('')}</ul><p><a href="/dead-letters">Back to the dead letters</a></p>`;
        return reply.type('text/html; charset=utf-8').send(
          layout({
            title: 'Redriven',
            operator: operatorOf(request),
            nav: context.nav,
            here: '/dead-letters',
            body,
          }),
        );
      },
    );

    app.post(
      '/api/dead-letters/redrive',
      {
        schema: {
          tags: ['dead letters'],
          summary:
            'Redrive one dead letter (position) or all of a topic (all: true) to the source topic; audited',
          body: RedriveBody,
          response: {
            200: Type.Object({
              redriven: Type.Array(
                Type.Object({
                  from: Type.String(),
                  to: Type.String(),
                  eventId: Type.String(),
                  eventType: Type.String(),
                  written: Type.Union([Type.String(), Type.Null()]),
                }),
              ),
            }),
          },
        },
      },
      async (request) => ({ redriven: await redrive(context, request, request.body) }),
    );
  },
};
