import { grpcCallContext, type AdapterServing } from '@motlan/adapter-kit';
import type { ServiceBinding, UnaryHandler } from '@motlan/grpc';
import type { populationV1 } from '@motlan/proto';
import { checkClaims, claimedFactTypes } from '../domain/check-claims.ts';
import { verifyClaims } from '../domain/verify-claims.ts';
import type { NpdbRecord } from '../domain/npdb-record.ts';

/** motlan.population.v1.PopulationService */
export function populationServiceBinding(serving: AdapterServing<NpdbRecord>): ServiceBinding {
  const verifyCitizen: UnaryHandler<
    populationV1.VerifyCitizenRequest__Output,
    populationV1.VerifyCitizenResponse
  > = async (request, call) => {
    const context = grpcCallContext(call, serving.deadlineCapMs);
    const claims = checkClaims(request.claims ?? {}, request.personalId, 'claims');
    const subject = await serving.gate.admit(context, { ...request, factTypes: claimedFactTypes(claims) });
    const { record, freshness } = await serving.factSource.record(subject, context);
    return { ...verifyClaims(record, claims), citizenFound: true, freshness };
  };

  const getCitizen: UnaryHandler<
    populationV1.GetCitizenRequest__Output,
    populationV1.GetCitizenResponse
  > = async (request, call) => {
    const context = grpcCallContext(call, serving.deadlineCapMs);
    const subject = await serving.gate.admit(context, request);
    return serving.factSource.facts(subject, request.factTypes, context);
  };

  return {
    name: 'motlan.population.v1.PopulationService',
    handlers: {
      VerifyCitizen: verifyCitizen as ServiceBinding['handlers'][string],
      GetCitizen: getCitizen as ServiceBinding['handlers'][string],
    },
  };
}
