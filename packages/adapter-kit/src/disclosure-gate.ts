import type { DisclosureGuard } from '@motlan/access';
import { isKnownFactType } from '@motlan/domain';
import { CommonErrors, MotlanError } from '@motlan/errors';
import type { FactSource } from './fact-source.ts';
import { checkPersonalId, checkPurpose, type RequestContext } from './request-context.ts';

/**
 * The way into an adapter's data: the personal ID and purpose are validated, then the
 * (client, purpose, fact types) triple is checked against the access policy and audited —
 * granted or refused — before anything is read.
 */
export class DisclosureGate {
  constructor(private readonly guard: DisclosureGuard) {}

  /** Resolves with the validated subject, or rejects (INVALID_ARGUMENT, PERMISSION_DENIED). */
  async admit(
    context: RequestContext,
    request: { personalId: string | undefined; purpose: string | undefined; factTypes: readonly string[] },
  ): Promise<string> {
    const subject = checkPersonalId(request.personalId);
    const purpose = checkPurpose(request.purpose);
    const unknown = request.factTypes.find((type) => !isKnownFactType(type));
    if (unknown !== undefined) {
      throw new MotlanError(CommonErrors.validation, `Unknown fact type "${unknown}"`, {
        field: 'factTypes',
      });
    }
    await this.guard.authorize({
      client: context.client,
      purpose,
      subject,
      factTypes: [...request.factTypes],
      requestId: context.requestId,
    });
    return subject;
  }
}

/** What an adapter's handlers are given: the gate in front, the fact source behind it. */
export interface AdapterServing<R> {
  factSource: FactSource<R>;
  gate: DisclosureGate;
  /** Cap on any request's deadline (ms). */
  deadlineCapMs: number;
}
