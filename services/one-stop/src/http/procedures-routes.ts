import { problemResponses, Type, type HttpApp } from '@motlan/http';
import type { ProcedureCatalog } from '../domain/procedure-catalog.ts';
import { ProcedureDocumentSchema, ProcedureSchema } from '../domain/procedure.ts';

/** The published catalog: procedures, fees, time limits, what each asks for. */
export function registerProcedureRoutes(app: HttpApp, catalog: ProcedureCatalog): void {
  app.addSchema(ProcedureDocumentSchema);
  app.addSchema(ProcedureSchema);

  app.get(
    '/v1/procedures',
    {
      config: { public: true },
      schema: {
        tags: ['procedures'],
        summary: 'Procedures, filtered by field, handling level or text',
        querystring: Type.Object({
          field: Type.Optional(Type.String({ description: 'Lĩnh vực, e.g. "Nghĩa vụ quân sự"' })),
          level: Type.Optional(
            Type.Union([Type.Literal('commune'), Type.Literal('province'), Type.Literal('ministry')]),
          ),
          q: Type.Optional(
            Type.String({ maxLength: 100, description: 'Code or words of the name (diacritics optional)' }),
          ),
        }),
        response: {
          200: Type.Object({ procedures: Type.Array(Type.Ref('Procedure')) }),
          ...problemResponses,
        },
      },
    },
    async (request) => ({ procedures: catalog.list(request.query) }),
  );

  app.get(
    '/v1/procedures/:code',
    {
      config: { public: true },
      schema: {
        tags: ['procedures'],
        summary: 'One procedure',
        params: Type.Object({ code: Type.String({ examples: ['1.004227'] }) }),
        response: { 200: Type.Ref('Procedure'), ...problemResponses },
      },
    },
    async (request) => catalog.get(request.params.code, 'code'),
  );
}
