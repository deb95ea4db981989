import { CommonErrors, MotlanError } from '@motlan/errors';
import { Type, type HttpApp, ProblemRef, problemResponses } from '@motlan/http';
import type { Criteria } from '../domain/criteria.ts';
import type { CurrentFact } from '../store/fact-queries.ts';
import type { FactRegistry } from '../fact-registry.ts';
import { GovStackHeaders, govStackCaller, MEDIATOR_CLIENT_PATTERN } from './govstack-caller.ts';

/**
 * A read API compatible with the GovStack Digital Registries building block's data API
 * (v1.3.0: list, read, exists, MyPersonalDataUsage), over the same store and through the same
 * decision and audit as the native routes (`FactRegistry.readRecord` / `exists`). The registry is
 * `citizen-facts` version `1.0`; a record is a citizen's current facts keyed by type, with `ID`
 * the personal ID. Purpose-bound access needs one addition to the spec: the `X-Purpose` header
 * naming the procedure code; `X-Fact-Types` optionally narrows a read to named types. Search
 * criteria are `ID` (required) plus `FirstName`, `LastName`, `FullName`, `BirthDate`, compared
 * as VerifyCitizen compares claims; any other criterion is refused (400 naming it).
 */
export const GOVSTACK_REGISTRY = 'citizen-facts';
export const GOVSTACK_VERSION = '1.0';

const Headers = Type.Object({
  [GovStackHeaders.mediatorClient]: Type.Optional(
    Type.String({
      pattern: MEDIATOR_CLIENT_PATTERN,
      description:
        'INSTANCE/CLASS/MEMBER/SUBSYSTEM of the calling system. Optional: the client certificate identifies the ' +
        'caller; when present, SUBSYSTEM must equal the certificate CN (else 403 MOTLAN_MEDIATOR_CLIENT_MISMATCH).',
    }),
  ),
});
const ReadHeaders = Type.Object({
  ...Headers.properties,
  [GovStackHeaders.purpose]: Type.String({
    description: 'Procedure code the data is read for (Motlan extension); the access policy must grant it',
  }),
  [GovStackHeaders.factTypes]: Type.Optional(
    Type.String({
      description:
        'Fact types to read, comma-separated (Motlan extension). Default: every type the policy grants this ' +
        'client for the purpose',
    }),
  ),
});

const name = (description: string) => Type.String({ pattern: '\\S', maxLength: 400, description });
const CRITERIA = {
  ID: Type.String({ description: 'Personal ID (12 digits)' }),
  FirstName: Type.Optional(
    name(
      'Given name (tên), or middle and given names ("Văn An"); case, spacing, missing diacritics tolerated',
    ),
  ),
  LastName: Type.Optional(name('Family name (họ); case, spacing, missing diacritics tolerated')),
  FullName: Type.Optional(name('Full name, family first; case, spacing, missing diacritics tolerated')),
  BirthDate: Type.Optional(Type.String({ format: 'date', description: 'Date of birth, YYYY-MM-DD, exact' })),
};
const Record = Type.Object({ ID: Type.String() }, { additionalProperties: true, $id: 'GovStackRecord' });
const Query = Type.Object(
  {
    query: Type.Object(
      {
        content: Type.Object(CRITERIA, {
          additionalProperties: false,
          description: 'Search criteria: ID and optionally a name and a date of birth; any other is refused',
        }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
const ListQuery = Type.Object(
  {
    ...Object.fromEntries(Object.entries(CRITERIA).map(([key, schema]) => [`query.${key}`, schema])),
    'query.ID': Type.String({ description: 'Personal ID (required: no bulk listing of citizens)' }),
    page: Type.Optional(Type.Integer({ minimum: 1 })),
    page_size: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
const Params = Type.Object({ registryname: Type.String(), versionnumber: Type.String() });
const errors = { 401: ProblemRef, 403: ProblemRef, ...problemResponses };

type CriteriaFields = {
  ID: string;
  FirstName?: string;
  LastName?: string;
  FullName?: string;
  BirthDate?: string;
};

function toCriteria(content: CriteriaFields): Criteria {
  return {
    ...(content.FirstName !== undefined ? { givenName: content.FirstName } : {}),
    ...(content.LastName !== undefined ? { familyName: content.LastName } : {}),
    ...(content.FullName !== undefined ? { fullName: content.FullName } : {}),
    ...(content.BirthDate !== undefined ? { dateOfBirth: content.BirthDate } : {}),
  };
}

function factTypesOf(header: string | undefined): string[] | undefined {
  if (header === undefined) return undefined;
  const types = header
    .split(',')
    .map((type) => type.trim())
    .filter(Boolean);
  if (types.length === 0) {
    throw new MotlanError(CommonErrors.validation, `${GovStackHeaders.factTypes} names no fact type`, {
      field: `headers.${GovStackHeaders.factTypes}`,
    });
  }
  return types;
}

function checkRegistry(params: { registryname: string; versionnumber: string }): void {
  if (params.registryname !== GOVSTACK_REGISTRY || params.versionnumber !== GOVSTACK_VERSION) {
    throw new MotlanError(
      CommonErrors.notFound,
      `No registry ${params.registryname}/${params.versionnumber}; this one is ${GOVSTACK_REGISTRY}/${GOVSTACK_VERSION}`,
    );
  }
}

function toRecord(personalId: string, facts: CurrentFact[]): { ID: string } & Record<string, unknown> {
  return Object.fromEntries([
    ['ID', personalId],
    ...facts.map((entry) => [entry.fact.type, JSON.parse(entry.fact.valueJson) as unknown]),
  ]) as { ID: string } & Record<string, unknown>;
}

export function registerGovStackRoutes(app: HttpApp, registry: FactRegistry): void {
  app.addSchema(Record);
  const tags = ['GovStack Digital Registries (compatible)'];

  const read = async (
    request: Parameters<typeof govStackCaller>[0] & {
      headers: { [GovStackHeaders.purpose]: string; [GovStackHeaders.factTypes]?: string };
    },
    content: CriteriaFields,
  ): Promise<({ ID: string } & Record<string, unknown>) | undefined> => {
    const caller = govStackCaller(request);
    const factTypes = factTypesOf(request.headers[GovStackHeaders.factTypes]);
    const facts = await registry.readRecord(caller, {
      personalId: content.ID,
      purpose: request.headers[GovStackHeaders.purpose],
      ...(factTypes ? { factTypes } : {}),
      criteria: toCriteria(content),
    });
    return facts ? toRecord(content.ID, facts) : undefined;
  };

  app.get(
    '/data/:registryname/:versionnumber',
    {
      schema: {
        tags,
        summary: 'list',
        description:
          'The record of one citizen (query.ID) if it matches every given criterion; a single page at most.',
        params: Params,
        headers: ReadHeaders,
        querystring: ListQuery,
        response: {
          200: Type.Object({
            count: Type.Integer(),
            next: Type.Union([Type.String(), Type.Null()]),
            previous: Type.Union([Type.String(), Type.Null()]),
            results: Type.Array(Type.Ref('GovStackRecord')),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      checkRegistry(request.params);
      const query = request.query as { [key: string]: string | number | undefined };
      const content = Object.fromEntries(
        Object.entries(query)
          .filter(([key]) => key.startsWith('query.'))
          .map(([key, value]) => [key.slice('query.'.length), value]),
      ) as CriteriaFields;
      const record = await read(request, content);
      const records = record ? [record] : [];
      const firstPage = (request.query.page ?? 1) === 1;
      return { count: records.length, next: null, previous: null, results: firstPage ? records : [] };
    },
  );

  app.post(
    '/data/:registryname/:versionnumber/read',
    {
      schema: {
        tags,
        summary: 'read',
        description: 'The record of one citizen, if it matches every given criterion (404 otherwise).',
        params: Params,
        headers: ReadHeaders,
        body: Query,
        response: { 200: Type.Object({ content: Type.Ref('GovStackRecord') }), ...errors },
      },
    },
    async (request) => {
      checkRegistry(request.params);
      const record = await read(request, request.body.query.content);
      if (!record) throw new MotlanError(CommonErrors.notFound, 'no record found');
      return { content: record };
    },
  );

  app.post(
    '/data/:registryname/:versionnumber/exists',
    {
      schema: {
        tags,
        summary: 'exists',
        description:
          'Whether the registry knows this citizen (holds their identity.full_name) and the record matches every ' +
          'given criterion. Discloses identity.full_name, and identity.date_of_birth when BirthDate is given: ' +
          'the purpose must grant them (403 otherwise); audited like every read.',
        params: Params,
        headers: Type.Omit(ReadHeaders, [GovStackHeaders.factTypes]),
        body: Query,
        response: {
          200: Type.Object({ answer: Type.Object({ status: Type.Boolean(), message: Type.String() }) }),
          ...errors,
        },
      },
    },
    async (request) => {
      checkRegistry(request.params);
      const content = request.body.query.content;
      const status = await registry.exists(govStackCaller(request), {
        personalId: content.ID,
        purpose: request.headers[GovStackHeaders.purpose],
        criteria: toCriteria(content),
      });
      return {
        answer: { status, message: status ? 'Object found from database' : 'Object not found from database' },
      };
    },
  );

  app.get(
    '/data/MyPersonalDataUsage/1.0',
    {
      schema: {
        tags,
        summary: 'Who has read my personal data (GovStack MyPersonalDataUsage)',
        headers: Headers,
        querystring: Type.Object({ userID: Type.String(), DatabaseID: Type.String() }),
        response: {
          200: Type.Array(
            Type.Object({
              ID: Type.String(),
              ReaderID: Type.String(),
              ReaderInstitutionID: Type.String(),
              ReaderApplicationName: Type.String(),
              SearchDateTime: Type.String({ format: 'date-time' }),
              Refrences: Type.Array(Type.Object({ ReferenceID: Type.String() })),
            }),
          ),
          ...errors,
        },
      },
    },
    async (request) => {
      if (request.query.DatabaseID !== GOVSTACK_REGISTRY) {
        throw new MotlanError(CommonErrors.notFound, `No database ${request.query.DatabaseID}`, {
          field: 'DatabaseID',
        });
      }
      const rows = await registry.listDisclosures(govStackCaller(request), {
        personalId: request.query.userID,
      });
      return rows
        .filter((row) => row.outcome === 'granted')
        .map((row) => ({
          ID: row.auditId,
          ReaderID: row.client,
          ReaderInstitutionID: row.client,
          ReaderApplicationName: `${row.client} via ${row.discloser} (purpose ${row.purpose})`,
          SearchDateTime: row.occurredAt,
          Refrences: row.factTypes.map((type) => ({ ReferenceID: type })),
        }));
    },
  );
}
