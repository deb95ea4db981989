import { MotlanError } from '@motlan/errors';
import { AccessErrors } from './errors.ts';
import type { AuditTrail } from './audit-trail.ts';
import { authorize, type Policy } from './policy.ts';

export interface DisclosureRequest {
  client: string;
  purpose: string;
  subject: string;
  factTypes: string[];
  requestId: string;
}

/**
 * Every disclosure passes here: checked against the policy of (client, purpose, fact types)
 * and written to the audit trail whether granted or refused. A refusal is audited first, then
 * answered with PERMISSION_DENIED naming the types outside the policy.
 */
export class DisclosureGuard {
  constructor(
    private readonly policy: Policy,
    private readonly trail: AuditTrail,
  ) {}

  async authorize(request: DisclosureRequest): Promise<void> {
    const decision = authorize(this.policy, request.client, request.purpose, request.factTypes);
    await this.trail.record({ ...request, outcome: decision.allowed ? 'granted' : 'denied' });
    if (!decision.allowed) {
      throw new MotlanError(
        AccessErrors.purposeNotAllowed,
        `${request.client} may not read ${decision.denied.join(', ')} for purpose ${request.purpose}`,
        { field: 'factTypes', meta: { denied: decision.denied.join(',') } },
      );
    }
  }
}
