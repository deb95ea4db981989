import { randomUUID } from 'node:crypto';
import { grpcClientIdentity, httpClientIdentity, OFFICER_ID_HEADER } from '@motlan/access';
import { RequestMetadata, validatePersonalId } from '@motlan/domain';
import { MotlanError } from '@motlan/errors';
import type { grpc } from '@motlan/grpc';
import type { CallContext } from './contract.ts';
import { AdapterErrors } from './errors.ts';

/** Request metadata names, the same over gRPC metadata and HTTP headers. */
export const RequestHeaders = {
  requestId: RequestMetadata.requestId,
  actor: OFFICER_ID_HEADER,
} as const;

const PURPOSE = /^[A-Za-z0-9._-]{1,64}$/;

/** A purpose is a procedure code; every disclosure names one. */
export function checkPurpose(purpose: string | undefined): string {
  if (!purpose || !PURPOSE.test(purpose)) {
    throw new MotlanError(
      AdapterErrors.purposeMissing,
      'purpose must be a procedure code (1–64 letters, digits, ".", "_" or "-")',
      { field: 'purpose' },
    );
  }
  return purpose;
}

/** Validates the personal ID of a request (each rule with its own code and message). */
export function checkPersonalId(personalId: string | undefined): string {
  validatePersonalId(personalId ?? '');
  return personalId!;
}

/** Who is asking (its certificate) on whose behalf (the officer), by when, under which request id. */
export interface RequestContext extends CallContext {
  client: string;
}

/** The deadline is the caller's (gRPC) capped by our own limit, so nothing waits past either. */
export function grpcCallContext(call: grpc.ServerUnaryCall<unknown, unknown>, capMs: number): RequestContext {
  const own = Date.now() + capMs;
  const theirs = call.getDeadline();
  const theirMs = theirs instanceof Date ? theirs.getTime() : Number(theirs);
  const first = (name: string) => {
    const value = call.metadata.get(name)[0];
    return value === undefined ? undefined : String(value);
  };
  return {
    client: grpcClientIdentity(call),
    deadline: Number.isFinite(theirMs) && theirMs > 0 ? Math.min(own, theirMs) : own,
    requestId: first(RequestHeaders.requestId) ?? randomUUID(),
    actor: first(RequestHeaders.actor) ?? 'unknown',
  };
}

/** `request.id` is the request id @motlan/http kept from `x-request-id` or made fresh (request-id.ts). */
export function httpCallContext(
  request: { id: string; headers: Record<string, string | string[] | undefined>; raw: { socket: unknown } },
  capMs: number,
): RequestContext {
  const first = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    client: httpClientIdentity(request.raw.socket),
    deadline: Date.now() + capMs,
    requestId: request.id,
    actor: first(RequestHeaders.actor) ?? 'unknown',
  };
}
