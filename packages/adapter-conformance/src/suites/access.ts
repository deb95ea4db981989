import { randomUUID } from 'node:crypto';
import { GrpcCode, isMotlanError } from '@motlan/errors';
import { CONFORMANCE_CLIENT } from '../harness/adapter-client.ts';
import { Purposes } from '../harness/environment.ts';
import { check, environmentOf, expectThat, type RunContext } from '../run-context.ts';

const SUITE = 'access';

/**
 * Purpose-bound access, checked from outside: a read for a purpose the policy grants is answered
 * and audited as granted; one for a purpose it does not is PERMISSION_DENIED and audited as
 * denied. The audit records are read where consumers read them, on `access.audit.v1`.
 */
export async function access(context: RunContext): Promise<void> {
  await check(
    context,
    SUITE,
    'granted-read-audited',
    'a granted read is answered and audited on access.audit.v1',
    async () => {
      const environment = environmentOf(context);
      const subject = context.goldenSubjects[0];
      expectThat(subject, 'no subject to read');
      const requestId = randomUUID();
      const types = context.descriptor.factTypes.slice(0, 2);
      const answer = await environment.adapter.client.getFacts(subject, types, Purposes.granted, {
        requestId,
      });
      context.answeredFacts.push(...answer.facts);
      const audit = await environment.events.auditOf(requestId);
      expectThat(audit, `no audit record of request ${requestId} on access.audit.v1 within 10 s`);
      expectThat(audit.outcome === 'granted', `audited as "${audit.outcome}", not granted`);
      expectThat(
        audit.client === CONFORMANCE_CLIENT,
        `audited client "${audit.client}", not ${CONFORMANCE_CLIENT}`,
      );
      expectThat(audit.purpose === Purposes.granted, `audited purpose "${audit.purpose}"`);
      expectThat(audit.discloser === context.descriptor.adapter, `audited discloser "${audit.discloser}"`);
      expectThat(audit.personalId === subject, 'audited for another subject');
      expectThat(
        [...audit.factTypes].sort().join() === [...types].sort().join(),
        `audited types ${audit.factTypes.join(', ')}, read ${types.join(', ')}`,
      );
      return `answered ${answer.facts.length} facts; audited granted (sequence ${audit.sequence})`;
    },
  );

  await check(
    context,
    SUITE,
    'denied-purpose-audited',
    'a purpose outside the policy is PERMISSION_DENIED and audited',
    async () => {
      const environment = environmentOf(context);
      const subject = context.goldenSubjects[0];
      expectThat(subject, 'no subject to read');
      const requestId = randomUUID();
      const outcome = await environment.adapter.client
        .getFacts(subject, context.descriptor.factTypes.slice(0, 1), Purposes.denied, { requestId })
        .then(
          (answer) => ({ answer }),
          (error: unknown) => ({ error }),
        );
      expectThat(!('answer' in outcome), 'answered facts for a purpose the policy does not grant');
      const { error } = outcome as { error: unknown };
      expectThat(
        isMotlanError(error) && error.grpcCode === GrpcCode.PERMISSION_DENIED,
        `refused with ${isMotlanError(error) ? `${error.code} (gRPC ${error.grpcCode})` : String(error)}, not PERMISSION_DENIED`,
      );
      const audit = await environment.events.auditOf(requestId);
      expectThat(audit, `no audit record of refused request ${requestId} on access.audit.v1 within 10 s`);
      expectThat(audit.outcome === 'denied', `audited as "${audit.outcome}", not denied`);
      expectThat(audit.purpose === Purposes.denied, `audited purpose "${audit.purpose}"`);
      return `PERMISSION_DENIED (${error.code}); audited denied (sequence ${audit.sequence})`;
    },
  );
}
