import type { FastifyInstance, RouteOptions } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '@motlan/errors';

type ResponseSchemas = Record<string, unknown>;

const DESCRIPTIONS: Record<string, string> = {
  '400': 'The request is not valid (the field at fault is named)',
  '401': 'No verified client certificate of the mesh',
  '403': 'Not allowed for this client, applicant or purpose',
  '404': 'Not found',
  '409': 'Conflicts with the current state',
  '414': 'A path parameter is longer than any identifier this API takes',
  '500': 'Internal error',
  '503': 'A dependency is unavailable; retry later',
};

/**
 * Makes the OpenAPI document say what the wire says: every error response a route declares with
 * the Problem schema is documented as `application/problem+json` (RFC 9457), not as JSON, and the
 * answers every such route can give whatever it declares are added — 400 (validation), 401 (behind
 * the door), 414 (a path parameter over the router's limit), 500. Routes that declare errors of
 * another shape (a simulator's upstream errors) are left as they are.
 */
export function documentProblems(app: FastifyInstance, options: { authenticated: boolean }): void {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as (RouteOptions['schema'] & { hide?: boolean }) | undefined;
    if (schema?.hide) return;
    const declared = (schema?.response ?? {}) as ResponseSchemas;
    const errorStatuses = Object.keys(declared).filter(isErrorStatus);
    if (!errorStatuses.every((status) => isProblem(declared[status]))) return;
    const response: ResponseSchemas = { ...declared };
    const standard = ['400', '500'];
    if (options.authenticated && route.config?.public !== true) standard.push('401');
    if (route.url.includes(':')) standard.push('414');
    for (const status of new Set([...errorStatuses, ...standard])) {
      response[status] = {
        description: DESCRIPTIONS[status] ?? 'Problem',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: 'Problem' } } },
      };
    }
    route.schema = { ...schema, response };
  });
}

function isErrorStatus(status: string): boolean {
  return /^[45]/.test(status);
}

function isProblem(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  const { $ref, $id, content } = schema as { $ref?: string; $id?: string; content?: unknown };
  if ($ref === 'Problem' || $id === 'Problem') return true;
  const problem = (content as Record<string, { schema?: unknown }> | undefined)?.[PROBLEM_CONTENT_TYPE];
  return problem !== undefined && isProblem(problem.schema);
}
