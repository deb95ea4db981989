import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY_HEADER, RequestMetadata } from '../src/index.ts';

// Callers outside Motlan send these names: a rename is a wire break, so they are pinned.
describe('request metadata', () => {
  it('keeps the names callers send, lower case as gRPC metadata requires', () => {
    expect(RequestMetadata).toEqual({
      requestId: 'x-request-id',
      idempotencyKey: 'idempotency-key',
      officerId: 'x-officer-id',
      applicantId: 'x-applicant-id',
      mediatorClient: 'information-mediator-client',
      purpose: 'x-purpose',
      factTypes: 'x-fact-types',
    });
    for (const name of Object.values(RequestMetadata)) expect(name).toBe(name.toLowerCase());
  });

  it('is the one source of the older per-name export', () => {
    expect(IDEMPOTENCY_KEY_HEADER).toBe(RequestMetadata.idempotencyKey);
  });
});
