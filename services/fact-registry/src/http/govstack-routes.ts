import { grantedTypes, type Policy } from '@motlan/access';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { Type, type HttpApp, ProblemRef, problemResponses } from '@motlan/http';
import type { CurrentFact } from '../store/fact-queries.ts';
import type { FactRegistry } from '../fact-registry.ts';
import { restCaller } from './caller.ts';

/**
 * A read API compatible with the GovStack Digital Registries building block's data API
 * (v1.3.0: list, read, exists, MyPersonalDataUsage), over the same store, policy and audit.
 * The registry is `citizen-facts` version `1.0`; a record is a citizen's current facts keyed by
 * type, with `ID` the personal ID. Purpose-bound access needs one addition to the spec: the
 * `X-Purpose` header naming the procedure code.
 */
export const GOVSTACK_REGISTRY = 'citizen-facts';
export const GOVSTACK_VERSION = '1.0';

const Headers = Type.Object({
  'information-mediator-client': Type.String({ description: 'INSTANCE/CLASS/MEMBER/SUBSYSTEM' }),
  'x-purpose': Type.String({ description: 'Procedure code the data is read for (Motlan extension)' }),
});
const Record = Type.Object({ ID: Type.String() }, { additionalProperties: true, $id: 'GovStackRecord' });
const Query = Type.Object({ query: Type.Object({ content: Type.Object({ ID: Type.String() }) }) });
const Params = Type.Object({ registryname: Type.String(), versionnumber: Type.String() });
const errors = { 401: ProblemRef, 403: ProblemRef, ...problemResponses };

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

export function registerGovStackRoutes(app: HttpApp, registry: FactRegistry, policy: Policy): void {
  app.addSchema(Record);
  const tags = ['GovStack Digital Registries (compatible)'];

  const read = async (
    request: Parameters<typeof restCaller>[0],
    personalId: string,
    purpose: string,
  ): Promise<({ ID: string } & Record<string, unknown>) | undefined> => {
    const caller = restCaller(request);
    const facts = await registry.readAllowed(
      caller,
      personalId,
      purpose,
      grantedTypes(policy, caller.client, purpose),
    );
    return facts.length === 0 ? undefined : toRecord(personalId, facts);
  };

  app.get(
    '/data/:registryname/:versionnumber',
    {
      schema: {
        tags,
        summary: 'list',
        params: Params,
        headers: Headers,
        querystring: Type.Object({
          'query.ID': Type.String({ description: 'Personal ID (required: no bulk listing of citizens)' }),
          page: Type.Optional(Type.Integer({ minimum: 1 })),
          page_size: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
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
      const record = await read(request, request.query['query.ID'], request.headers['x-purpose']);
      const results = record ? [record] : [];
      return { count: results.length, next: null, previous: null, results };
    },
  );

  app.post(
    '/data/:registryname/:versionnumber/read',
    {
      schema: {
        tags,
        summary: 'read',
        params: Params,
        headers: Headers,
        body: Query,
        response: { 200: Type.Object({ content: Type.Ref('GovStackRecord') }), ...errors },
      },
    },
    async (request) => {
      checkRegistry(request.params);
      const record = await read(request, request.body.query.content.ID, request.headers['x-purpose']);
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
        params: Params,
        headers: Headers,
        body: Query,
        response: {
          200: Type.Object({ answer: Type.Object({ status: Type.Boolean(), message: Type.String() }) }),
          ...errors,
        },
      },
    },
    async (request) => {
      checkRegistry(request.params);
      const status = await registry.exists(
        restCaller(request),
        request.body.query.content.ID,
        request.headers['x-purpose'],
      );
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
      const rows = await registry.listDisclosures(restCaller(request), { personalId: request.query.userID });
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
