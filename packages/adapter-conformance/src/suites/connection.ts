import { isMotlanError } from '@motlan/errors';
import { KitSettings, Purposes } from '../harness/environment.ts';
import { CheckFailed } from '../check-failed.ts';
import { check, environmentOf, expectThat, type RunContext } from '../run-context.ts';

const SUITE = 'connection';
/** Time allowed over the request deadline for the answer to travel back. */
const SLACK_MS = 750;

/**
 * Valid credentials: the adapter reads the upstream and answers fresh facts. Invalid credentials
 * (the descriptor's `credentials.invalid` over the adapter's env, in a second adapter process):
 * the read is refused with a typed error that says retrying cannot help, within the deadline.
 */
export async function connection(context: RunContext): Promise<void> {
  await check(
    context,
    SUITE,
    'valid-credentials',
    'with valid upstream credentials the adapter answers fresh facts',
    async () => {
      const environment = environmentOf(context);
      const subject = context.goldenSubjects[0] ?? context.syncedSubjects[0];
      expectThat(subject, 'no subject to read');
      const answer = await environment.adapter.client.getFacts(
        subject,
        context.descriptor.factTypes,
        Purposes.granted,
      );
      context.answeredFacts.push(...answer.facts);
      expectThat(!answer.freshness.stale, 'the answer is stale: the upstream was not reached');
      expectThat(answer.facts.length > 0, 'no facts answered');
      return `${answer.facts.length} facts, fresh`;
    },
  );

  await check(
    context,
    SUITE,
    'invalid-credentials',
    'with invalid upstream credentials a read fails with a non-retryable typed error',
    async () => {
      const environment = environmentOf(context);
      const subject = context.goldenSubjects[0] ?? context.syncedSubjects[0];
      expectThat(subject, 'no subject to read');
      const env = await environment.adapterEnv(
        context.descriptor.credentials.invalid,
        await environment.freshSchema(),
      );
      const adapter = await environment.startAdapter({}, env);
      try {
        const started = Date.now();
        const outcome = await adapter.client
          .getFacts(subject, context.descriptor.factTypes, Purposes.granted, { deadlineMs: 5_000 })
          .then(
            (answer) => ({ answer }),
            (error: unknown) => ({ error }),
          );
        const elapsed = Date.now() - started;
        if ('answer' in outcome)
          throw new CheckFailed(`answered ${outcome.answer.facts.length} facts with invalid credentials`);
        const { error } = outcome as { error: unknown };
        expectThat(isMotlanError(error), `failed without a typed error: ${String(error)}`);
        expectThat(
          !error.canRetry,
          `${error.code} says retrying could help: wrong credentials never get better by retrying`,
        );
        expectThat(
          elapsed <= KitSettings.REQUEST_DEADLINE_MS + SLACK_MS,
          `refused after ${elapsed} ms, past the ${KitSettings.REQUEST_DEADLINE_MS} ms deadline`,
        );
        return `refused with ${error.code} (gRPC ${error.grpcCode}) in ${elapsed} ms`;
      } finally {
        await environment.stopAdapter(adapter);
      }
    },
  );
}
