import { Type, type Static } from 'typebox';
import { FACT_CATALOG } from '@motlan/domain';

const FactTypeName = Type.String({ pattern: '^[a-z_]+\\.[a-z_]+$' });
const RegistrationStatus = FACT_CATALOG['military.service_registration'].schema.properties.status;

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
    resultFact: Type.Union([
      Type.Object(
        {
          type: Type.Literal('military.service_registration'),
          /** The status the result sets; absent: the status held so far is kept. */
          status: Type.Optional(RegistrationStatus),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
  },
  { $id: 'Procedure', additionalProperties: false },
);

export type Procedure = Static<typeof ProcedureSchema>;
export type ProcedureDocument = Static<typeof ProcedureDocumentSchema>;
