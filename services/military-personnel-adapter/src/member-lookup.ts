import { AccessErrors, authorize, type Policy } from '@motlan/access';
import {
  AdapterErrors,
  checkPurpose,
  type AdapterServing,
  type RequestContext,
  type UpstreamCaller,
} from '@motlan/adapter-kit';
import { isMotlanError, MotlanError } from '@motlan/errors';
import type { MemberKey } from './domain/member-key.ts';
import type { MpdbClient } from './upstream/mpdb-client.ts';
import type { MpdbRecord } from './domain/mpdb-record.ts';

/**
 * Admits a request that names a person by personal ID or by military person code. A code is
 * resolved to the personal ID upstream (through the interactive breaker) before the kit's gate
 * decides and audits under that personal ID, so a read by code gets the same decision and the
 * same audit record as a read by ID. A code the upstream does not hold answers NOT_FOUND only to
 * a client the policy would have let read: anyone else gets PERMISSION_DENIED either way, so a
 * refused client cannot learn which codes exist.
 */
export class MemberLookup {
  /** `caller` is the kit's interactive breaker, which exists once the app is built (hence a getter). */
  constructor(
    private readonly client: MpdbClient,
    private readonly policy: Policy,
    private readonly caller: () => UpstreamCaller,
  ) {}

  /** Resolves with the admitted personal ID, or rejects (INVALID_ARGUMENT, PERMISSION_DENIED, NOT_FOUND, UNAVAILABLE). */
  async admit(
    serving: AdapterServing<MpdbRecord>,
    context: RequestContext,
    request: { key: MemberKey; purpose: string | undefined; factTypes: readonly string[] },
  ): Promise<string> {
    const { key, purpose, factTypes } = request;
    if ('personalId' in key)
      return serving.gate.admit(context, { personalId: key.personalId, purpose, factTypes });
    const checkedPurpose = checkPurpose(purpose);
    const record = await this.byCode(key.militaryCode, context);
    if (record === undefined) {
      if (!authorize(this.policy, context.client, checkedPurpose, factTypes).allowed) {
        throw new MotlanError(
          AccessErrors.purposeNotAllowed,
          `${context.client} may not read ${factTypes.join(', ')} for purpose ${checkedPurpose}`,
          { field: 'factTypes' },
        );
      }
      throw new MotlanError(
        AdapterErrors.citizenNotFound,
        'military-personnel-db has no record for this military person code',
        {
          field: 'militaryCode',
        },
      );
    }
    return serving.gate.admit(context, { personalId: record.SoDinhDanh, purpose: checkedPurpose, factTypes });
  }

  private async byCode(code: string, context: RequestContext): Promise<MpdbRecord | undefined> {
    try {
      return await this.caller().call(context, (signal) =>
        this.client.fetchByCode(code, { ...context, signal }),
      );
    } catch (error) {
      if (isMotlanError(error) && error.canRetry) {
        throw new MotlanError(AdapterErrors.upstreamUnavailable, `military-personnel-db: ${error.message}`, {
          cause: error,
        });
      }
      throw error;
    }
  }
}
