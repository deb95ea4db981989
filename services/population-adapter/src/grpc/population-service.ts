import { checkPersonalId, checkPurpose, grpcCallContext, type FactSource } from '@motlan/adapter-kit';
import { MotlanError } from '@motlan/errors';
import type { ServiceBinding, UnaryHandler } from '@motlan/grpc';
import type { populationV1 } from '@motlan/proto';
import { checkClaims } from '../domain/check-claims.ts';
import { verifyClaims } from '../domain/verify-claims.ts';
import { PopulationErrors } from '../errors.ts';
import type { NpdbRecord } from '../upstream/npdb-record.ts';

/** motlan.population.v1.PopulationService */
export function populationServiceBinding(
  factSource: FactSource<NpdbRecord>,
  deadlineCapMs: number,
): ServiceBinding {
  const verifyCitizen: UnaryHandler<
    populationV1.VerifyCitizenRequest__Output,
    populationV1.VerifyCitizenResponse
  > = async (request, call) => {
    const personalId = checkPersonalId(request.personalId);
    checkPurpose(request.purpose);
    const claims = checkClaims(request.claims ?? {}, personalId);
    if (!claims.fullName && !claims.dateOfBirth && !claims.sex) {
      throw new MotlanError(
        PopulationErrors.claimsMissing,
        'claims must include fullName, dateOfBirth or sex',
        {
          field: 'claims',
        },
      );
    }
    const { record, freshness } = await factSource.record(personalId, grpcCallContext(call, deadlineCapMs));
    const verification = verifyClaims(record, claims);
    return { ...verification, citizenFound: true, freshness };
  };

  const getCitizen: UnaryHandler<
    populationV1.GetCitizenRequest__Output,
    populationV1.GetCitizenResponse
  > = async (request, call) => {
    const personalId = checkPersonalId(request.personalId);
    checkPurpose(request.purpose);
    return factSource.facts(personalId, request.factTypes, grpcCallContext(call, deadlineCapMs));
  };

  return {
    name: 'motlan.population.v1.PopulationService',
    handlers: {
      VerifyCitizen: verifyCitizen as ServiceBinding['handlers'][string],
      GetCitizen: getCitizen as ServiceBinding['handlers'][string],
    },
  };
}
