import { Type } from '@motlan/http';
import { DOSSIER_ACTIONS, DOSSIER_STATUSES, type DossierAction } from '../domain/lifecycle.ts';

const literals = (values: readonly string[]) => Type.Union(values.map((value) => Type.Literal(value)));

export const ApplicantSchema = Type.Object(
  {
    personalId: Type.String({
      description: '12-digit personal ID (số định danh cá nhân)',
      examples: ['001099012345'],
    }),
    fullName: Type.String({
      maxLength: 400,
      description: 'As the applicant writes it; checked against the population database',
    }),
    dateOfBirth: Type.String({ description: 'YYYY-MM-DD', examples: ['1999-05-14'] }),
  },
  { additionalProperties: false },
);

export const SuppliedFactSchema = Type.Object(
  {
    type: Type.String({ description: 'A fact type from the catalog the procedure asks for' }),
    value: Type.Unknown({ description: "The value, as the fact type's schema describes it" }),
  },
  { additionalProperties: false },
);

export const DossierFactSchema = Type.Object(
  {
    type: Type.String(),
    origin: literals(['prefilled', 'supplied']),
    value: Type.Optional(
      Type.Unknown({
        description:
          "The value, only for a caller the access policy grants this fact type for the dossier's procedure (a disclosure, audited)",
      }),
    ),
    withheld: Type.Optional(
      Type.Literal(true, {
        description: 'The value is withheld: the caller may not read this fact type for this procedure',
      }),
    ),
    sourceSystem: Type.String({ description: 'Where the fact came from (provenance)' }),
    assurance: Type.String(),
    sourceRecordRef: Type.String(),
    observedAt: Type.String(),
    factId: Type.String(),
  },
  { $id: 'DossierFact' },
);

export const PrefillSchema = Type.Object({
  procedureCode: Type.String(),
  procedureName: Type.String(),
  prefilled: Type.Array(Type.Ref('DossierFact')),
  missing: Type.Array(Type.Object({ type: Type.String(), title: Type.String(), description: Type.String() })),
  documentsNeeded: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      unlessSupplied: Type.Array(Type.String(), { description: 'Not needed once these facts are typed in' }),
    }),
  ),
  documentsReplaced: Type.Array(
    Type.Object({ code: Type.String(), name: Type.String(), replacedBy: Type.Array(Type.String()) }),
  ),
});

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const DossierSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    code: Type.String({ description: 'The code on the receipt' }),
    procedureCode: Type.String(),
    procedureName: Type.String(),
    unitCode: Type.String({ description: 'The handling unit' }),
    applicantPersonalId: Type.String(),
    status: literals(DOSSIER_STATUSES),
    receivedAt: Type.String({ format: 'date-time' }),
    dueAt: Type.String({
      format: 'date-time',
      description: 'End of the time limit (as it stood, while paused)',
    }),
    dueProvisional: Type.Boolean({
      description:
        'The due time counts holidays computed from the Labour Code for a year whose official decision is not yet in the data: it may still move',
    }),
    paused: Type.Boolean({ description: 'The clock is stopped while a supplement is requested' }),
    remainingWorkingDays: Nullable(Type.Integer()),
    closedAt: Nullable(Type.String({ format: 'date-time' })),
    onTime: Nullable(Type.Boolean()),
    facts: Type.Array(Type.Ref('DossierFact')),
    documents: Type.Array(Type.String()),
    onceOnly: Type.Object({ required: Type.Integer(), prefilled: Type.Integer(), supplied: Type.Integer() }),
    resultFactId: Nullable(Type.String()),
    reason: Nullable(Type.String()),
    origin: Type.Object(
      {
        channel: Type.Union([Type.Literal('applicant'), Type.Literal('notification')], {
          description:
            '`applicant`: handed in through a citizen portal; `notification`: opened by the mesh on a change the fact registry notified (the citizen did nothing)',
        }),
        notificationId: Nullable(Type.String({ description: "The registry's notification that opened it" })),
        linkedDossierId: Nullable(
          Type.String({
            description: 'The dossier opened with it from the same notification (move-out ↔ move-in)',
          }),
        ),
        missingFacts: Type.Array(Type.String(), {
          description:
            'Required facts the registry did not hold when the mesh opened it: ask with request-supplement',
        }),
        documentsAwaited: Type.Array(
          Type.Object({
            code: Type.String(),
            name: Type.String(),
            from: Type.Union([Type.Literal('citizen'), Type.Literal('linked-dossier-result')]),
          }),
          { description: 'Required documents not handed in, and where each is to come from' },
        ),
      },
      { description: 'How the dossier came to be' },
    ),
    allowedActions: Type.Array(literals(DOSSIER_ACTIONS)),
    history: Type.Array(
      Type.Object({
        sequence: Type.Integer(),
        eventType: Type.String(),
        from: Nullable(literals(DOSSIER_STATUSES)),
        to: literals(DOSSIER_STATUSES),
        actor: Type.String({
          description:
            '`applicant`; for an officer action the client certificate name, then `/` and the X-Officer-Id if sent (`commune-officer/officer-17`)',
        }),
        reason: Nullable(Type.String()),
        occurredAt: Type.String({ format: 'date-time' }),
      }),
    ),
    rating: Nullable(
      Type.Object({ score: Type.Integer(), comment: Nullable(Type.String()), ratedAt: Type.String() }),
    ),
  },
  { $id: 'Dossier' },
);

const reason = (description: string) => ({
  reason: Type.Optional(Type.String({ maxLength: 2000, description })),
});
const NOTE = 'A note kept in the history';

/**
 * What each action takes; anything else in its body is refused (400), never silently ignored.
 * Who acted is never in the body: the client certificate (officer actions) or `applicant`.
 */
export const ACTION_BODIES = {
  'start-processing': Type.Object(reason(NOTE), { additionalProperties: false }),
  'request-supplement': Type.Object(reason('Required: what the applicant must hand in or correct'), {
    additionalProperties: false,
  }),
  supplement: Type.Object(
    {
      ...reason(NOTE),
      facts: Type.Optional(
        Type.Array(SuppliedFactSchema, { maxItems: 50, description: 'Corrected or added facts' }),
      ),
      documents: Type.Optional(
        Type.Array(Type.String(), { maxItems: 50, description: 'Codes of documents handed in' }),
      ),
    },
    { additionalProperties: false },
  ),
  resolve: Type.Object(
    {
      ...reason(NOTE),
      result: Type.Optional(
        Type.Unknown({
          description:
            "The result fact's value, or the properties of it the officer gives (the procedure's resultFact.officerGives, required); the rest comes from the dossier",
        }),
      ),
    },
    { additionalProperties: false },
  ),
  reject: Type.Object(reason('Required: why, in words the applicant can act on'), {
    additionalProperties: false,
  }),
  withdraw: Type.Object(reason(NOTE), { additionalProperties: false }),
} satisfies Record<DossierAction, object>;
