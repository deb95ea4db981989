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
 * answered with PERMISSION_DENIED (`MOTLAN_PURPOSE_NOT_ALLOWED`) naming the purpose the client
 * holds no grant for (field `purpose`) or the types outside its grant (field `factTypes`).
 * Every read of a citizen's facts, whatever the route, passes here once with the fact types it
 * touches, so the same request gets the same decision and the same audit record.
 */
export class DisclosureGuard {
  constructor(
    private readonly policy: Policy,
    private readonly trail: AuditTrail,
  ) {}

  async authorize(request: DisclosureRequest): Promise<void> {
    const decision = authorize(this.policy, request.client, request.purpose, request.factTypes);
    await this.trail.record({ ...request, outcome: decision.allowed ? 'granted' : 'denied' });
    if (decision.allowed) return;
    if (!decision.purposeGranted) {
      throw new MotlanError(
        AccessErrors.purposeNotAllowed,
        `${request.client} is granted nothing for purpose ${request.purpose}`,
        { field: 'purpose', meta: { denied: request.factTypes.join(',') } },
      );
    }
    throw new MotlanError(
      AccessErrors.purposeNotAllowed,
      decision.denied.length > 0
        ? `${request.client} may not read ${decision.denied.join(', ')} for purpose ${request.purpose}`
        : 'A disclosure must name the fact types it reads',
      { field: 'factTypes', meta: { denied: decision.denied.join(',') } },
    );
  }
}
