/**
 * The one error type that crosses a boundary. Its `code` is stable and never reused; HTTP and
 * gRPC statuses come from it, and `canRetry` tells callers (and the breaker) whether trying
 * again can help.
 */
export const GrpcCode = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;
export type GrpcCode = (typeof GrpcCode)[keyof typeof GrpcCode];

export interface ErrorDefinition {
  /** Stable machine code, e.g. `MOTLAN_INVALID_PERSONAL_ID`. */
  readonly code: string;
  /** Short human title, the same for every occurrence. */
  readonly title: string;
  readonly httpStatus: number;
  readonly grpcCode: GrpcCode;
  readonly canRetry: boolean;
}

export interface MotlanErrorOptions {
  /** The input field at fault, as a JSON pointer-ish path (`body.personalId`). */
  field?: string;
  cause?: unknown;
  /** Extra machine-readable context; never personal data. */
  meta?: Record<string, string>;
}

export class MotlanError extends Error {
  readonly code: string;
  readonly title: string;
  readonly httpStatus: number;
  readonly grpcCode: GrpcCode;
  readonly canRetry: boolean;
  readonly field: string | undefined;
  readonly meta: Record<string, string>;

  constructor(definition: ErrorDefinition, detail: string, options: MotlanErrorOptions = {}) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MotlanError';
    this.code = definition.code;
    this.title = definition.title;
    this.httpStatus = definition.httpStatus;
    this.grpcCode = definition.grpcCode;
    this.canRetry = definition.canRetry;
    this.field = options.field;
    this.meta = options.meta ?? {};
  }

  /** The definition this error was made from, so it can be re-created on the far side of a wire. */
  get definition(): ErrorDefinition {
    return {
      code: this.code,
      title: this.title,
      httpStatus: this.httpStatus,
      grpcCode: this.grpcCode,
      canRetry: this.canRetry,
    };
  }
}

export function isMotlanError(value: unknown): value is MotlanError {
  return value instanceof MotlanError;
}

/** Declares a family of error definitions; keys become the lookup names. */
export function defineErrors<
  const T extends Record<string, Omit<ErrorDefinition, 'code'> & { code: string }>,
>(definitions: T): { readonly [K in keyof T]: ErrorDefinition } {
  return Object.freeze(definitions);
}
