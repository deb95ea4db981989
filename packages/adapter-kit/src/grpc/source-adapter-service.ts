import type { adapterV1 } from '@motlan/proto';
import type { ServiceBinding, UnaryHandler } from '@motlan/grpc';
import type { FactSource } from '../fact-source.ts';
import { checkPersonalId, checkPurpose, grpcCallContext } from '../request-context.ts';

/** motlan.adapter.v1.SourceAdapter, the same for every adapter. */
export function sourceAdapterBinding<R>(
  factSource: FactSource<R>,
  adapterName: string,
  deadlineCapMs: number,
): ServiceBinding {
  const getFacts: UnaryHandler<adapterV1.GetFactsRequest__Output, adapterV1.GetFactsResponse> = async (
    request,
    call,
  ) => {
    const subject = checkPersonalId(request.personalId);
    checkPurpose(request.purpose);
    const answer = await factSource.facts(subject, request.factTypes, grpcCallContext(call, deadlineCapMs));
    return { ...answer, adapter: adapterName };
  };
  return {
    name: 'motlan.adapter.v1.SourceAdapter',
    handlers: { GetFacts: getFacts as ServiceBinding['handlers'][string] },
  };
}
