import { maskPersonalIds } from '@motlan/logger';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { asMotlanError, CommonErrors, MotlanError, PROBLEM_CONTENT_TYPE, toProblem } from '@motlan/errors';
import type { RouteTable } from './method-not-allowed.ts';

interface ValidationIssue {
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/**
 * Every error leaves as application/problem+json with a stable code and the failing field. A
 * request for no route answers 405 with `Allow` when the path has routes with other methods
 * (`routes`), else 404 — also when its body failed to parse first.
 */
export function registerProblemHandler(app: FastifyInstance, routes: RouteTable): void {
  const noRoute = (request: FastifyRequest, reply: FastifyReply) => {
    const refused = routes.methodNotAllowed(request);
    if (refused) {
      void reply
        .status(405)
        .header('allow', refused.allow)
        .type(PROBLEM_CONTENT_TYPE)
        .send(toProblem(refused.error));
      return;
    }
    const error = new MotlanError(
      CommonErrors.notFound,
      // The path as sent, with personal IDs (and military codes) masked as in the logs.
      `No route ${request.method} ${maskPersonalIds(request.url.split('?')[0] ?? '')}`,
    );
    void reply.status(404).type(PROBLEM_CONTENT_TYPE).send(toProblem(error));
  };

  app.setErrorHandler((error: FastifyError, request, reply) => {
    // Fastify parses a body before it runs the not-found handler: no route is the answer, not the body.
    if (request.is404) return noRoute(request, reply);
    const motlan = error.validation
      ? fromValidation(error.validation as ValidationIssue[], error.validationContext ?? 'body')
      : error instanceof MotlanError
        ? error
        : fromFastify(error);
    if (motlan.httpStatus >= 500) request.log.error({ err: error }, 'request failed');
    void reply
      .status(motlan.httpStatus)
      .type(PROBLEM_CONTENT_TYPE)
      // The route's template, never the path as sent: a path may carry a personal ID.
      .send(toProblem(motlan, request.routeOptions.url ?? request.url.split('?')[0]));
  });

  app.setNotFoundHandler(noRoute);
}

function fromValidation(issues: ValidationIssue[], context: string): MotlanError {
  const fieldOf = (issue: ValidationIssue): string => {
    const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    // A missing or unexpected property is named, not just the object that lacks or has it.
    const named = issue.params['missingProperty'] ?? issue.params['additionalProperty'];
    return [context, path, typeof named === 'string' ? named : ''].filter((part) => part !== '').join('.');
  };
  const detail = issues
    .map((issue) =>
      issue.params['additionalProperty'] === undefined
        ? `${[context, issue.instancePath.replace(/^\//, '').replaceAll('/', '.')].filter(Boolean).join('.')} ${issue.message ?? 'is invalid'}`
        : `${fieldOf(issue)} is not a property this request takes`,
    )
    .join('; ');
  return new MotlanError(CommonErrors.validation, detail, {
    field: issues[0] ? fieldOf(issues[0]) : context,
  });
}

function fromFastify(error: FastifyError): MotlanError {
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return new MotlanError({ ...CommonErrors.validation, httpStatus: status }, error.message, {
      cause: error,
    });
  }
  return asMotlanError(error);
}
