import { CommonErrors } from './common-errors.ts';
import { isMotlanError, MotlanError } from './motlan-error.ts';

/** RFC 9457 problem details, as every REST endpoint answers errors. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  field?: string;
  instance?: string;
  canRetry: boolean;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_TYPE_BASE = 'https://motlan.gov.vn/problems/';

export function toProblem(error: MotlanError, instance?: string): Problem {
  return {
    type: PROBLEM_TYPE_BASE + error.code.toLowerCase().replaceAll('_', '-'),
    title: error.title,
    status: error.httpStatus,
    detail: error.message,
    code: error.code,
    ...(error.field === undefined ? {} : { field: error.field }),
    ...(instance === undefined ? {} : { instance }),
    canRetry: error.canRetry,
  };
}

/** Anything thrown becomes a MotlanError; unknown failures are internal and say nothing more. */
export function asMotlanError(error: unknown): MotlanError {
  if (isMotlanError(error)) return error;
  return new MotlanError(CommonErrors.internal, 'An unexpected error occurred', { cause: error });
}
