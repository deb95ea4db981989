import type { adapterV1 } from '@motlan/proto';
import type { ServiceBinding, UnaryHandler } from '@motlan/grpc';
import type { AdapterServing } from '../disclosure-gate.ts';
import { grpcCallContext } from '../request-context.ts';

/** motlan.adapter.v1.SourceAdapter, the same for every adapter. */
export function sourceAdapterBinding<R>(serving: AdapterServing<R>, adapterName: string): ServiceBinding {
  const getFacts: UnaryHandler<adapterV1.GetFactsRequest__Output, adapterV1.GetFactsResponse> = async (
    request,
    call,
  ) => {
    const context = grpcCallContext(call, serving.deadlineCapMs);
    const subject = await serving.gate.admit(context, request);
    const answer = await serving.factSource.facts(subject, request.factTypes, context);
    return { ...answer, adapter: adapterName };
  };
  return {
    name: 'motlan.adapter.v1.SourceAdapter',
    handlers: { GetFacts: getFacts as ServiceBinding['handlers'][string] },
  };
}
