import type { FastifyError, FastifyInstance } from 'fastify';
import { asMotlanError, CommonErrors, MotlanError, PROBLEM_CONTENT_TYPE, toProblem } from '@motlan/errors';

interface ValidationIssue {
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Every error leaves as application/problem+json with a stable code and the failing field. */
export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const motlan = error.validation
      ? fromValidation(error.validation as ValidationIssue[], error.validationContext ?? 'body')
      : error instanceof MotlanError
        ? error
        : fromFastify(error);
    if (motlan.httpStatus >= 500) request.log.error({ err: error }, 'request failed');
    void reply
      .status(motlan.httpStatus)
      .type(PROBLEM_CONTENT_TYPE)
      .send(toProblem(motlan, request.url.split('?')[0]));
  });

  app.setNotFoundHandler((request, reply) => {
    const error = new MotlanError(
      CommonErrors.notFound,
      `No route ${request.method} ${request.url.split('?')[0]}`,
    );
    void reply.status(404).type(PROBLEM_CONTENT_TYPE).send(toProblem(error));
  });
}

function fromValidation(issues: ValidationIssue[], context: string): MotlanError {
  const first = issues[0];
  const path = first?.instancePath.replace(/^\//, '').replaceAll('/', '.') ?? '';
  const missing = first?.params['missingProperty'];
  const field = [context, path, typeof missing === 'string' ? missing : '']
    .filter((part) => part !== '')
    .join('.');
  const detail = issues
    .map((issue) => {
      const at = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
      return `${[context, at].filter(Boolean).join('.')} ${issue.message ?? 'is invalid'}`;
    })
    .join('; ');
  return new MotlanError(CommonErrors.validation, detail, { field });
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
