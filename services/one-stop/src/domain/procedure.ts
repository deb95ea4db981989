import { Type, type Static, type TProperties } from 'typebox';
import { FACT_CATALOG, SOURCE_SYSTEMS } from '@motlan/domain';

const FactTypeName = Type.String({ pattern: '^[a-z_]+\\.[a-z_]+$' });
const RegistrationStatus = FACT_CATALOG['military.service_registration'].schema.properties.status;

/** What a template of each result fact type may say, besides which properties the officer gives. */
function resultTemplate<const T extends string, P extends TProperties>(type: T, properties: P) {
  return Type.Object(
    {
      type: Type.Literal(type),
      ...properties,
      /** Properties of the value the officer gives on resolve (`result`); without them resolve is refused. */
      officerGives: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z]+$' }), { uniqueItems: true })),
      /** The source system of the result; absent: the service's RESULT_SOURCE_SYSTEM. */
      sourceSystem: Type.Optional(Type.Enum(SOURCE_SYSTEMS)),
    },
    { additionalProperties: false },
  );
}

export const ResultTemplateSchema = Type.Union([
  resultTemplate('military.service_registration', {
    /** The status the result sets; absent: the status held so far is kept. */
    status: Type.Optional(RegistrationStatus),
  }),
  resultTemplate('military.temporary_absence', {}),
  resultTemplate('defence.safety_belt_permit', {}),
  resultTemplate('defence.special_area_entry_permit', {}),
  resultTemplate('defence.construction_location_agreement', {}),
]);

export const ProcedureDocumentSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z0-9-]+$' }),
    name: Type.String(),
    required: Type.Boolean(),
    /** Not asked for when these facts are prefilled from the mesh (once-only). */
    replacedBy: Type.Optional(Type.Array(FactTypeName)),
  },
  { $id: 'ProcedureDocument', additionalProperties: false },
);

export const ProcedureSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[0-9]\\.[0-9]{6}$', description: 'Procedure (TTHC) code' }),
    name: Type.String({ description: 'Vietnamese name' }),
    field: Type.String({ description: 'Lĩnh vực' }),
    level: Type.Union([Type.Literal('commune'), Type.Literal('province'), Type.Literal('ministry')], {
      description: 'Handling level (cấp thực hiện)',
    }),
    handlingUnit: Type.String({ description: 'Cơ quan thực hiện' }),
    timeLimitWorkingDays: Type.Integer({ minimum: 0, maximum: 365 }),
    fees: Type.Array(
      Type.Object(
        { name: Type.String(), amountVnd: Type.Integer({ minimum: 0 }), note: Type.Optional(Type.String()) },
        { additionalProperties: false },
      ),
      { description: 'Empty: free of charge' },
    ),
    requiredFacts: Type.Array(FactTypeName, { minItems: 1 }),
    documents: Type.Array(ProcedureDocumentSchema),
    resultFact: Type.Union([ResultTemplateSchema, Type.Null()]),
  },
  { $id: 'Procedure', additionalProperties: false },
);

export type Procedure = Static<typeof ProcedureSchema>;
export type ProcedureDocument = Static<typeof ProcedureDocumentSchema>;
export type ResultTemplate = Static<typeof ResultTemplateSchema>;
