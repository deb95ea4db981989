import { APPLICANT_ID_HEADER, grpcClientIdentity, OFFICER_ID_HEADER } from '@motlan/access';
import type { grpc, ServiceBinding, UnaryHandler } from '@motlan/grpc';
import type { dossierV1 } from '@motlan/proto';
import type { Callers } from '../domain/callers.ts';
import { toProtoStatus } from '../domain/lifecycle.ts';
import type { OneStop } from '../one-stop.ts';

const metadataValue = (call: grpc.ServerUnaryCall<unknown, unknown>, name: string): string | undefined => {
  const value = call.metadata.get(name)[0];
  return typeof value === 'string' ? value : undefined;
};

/**
 * motlan.dossier.v1.DossierService: a dossier's status (no personal ID, no fact value), under the
 * same rule as REST: a citizen portal for the applicant it names in `x-applicant-id` metadata
 * (another applicant's dossier, or none: PERMISSION_DENIED MOTLAN_NOT_THE_APPLICANT), or a handling
 * unit's system for its units' dossiers; any other client of our CA PERMISSION_DENIED. The mutual
 * TLS handshake already refuses a caller without a certificate from our CA.
 */
export function dossierServiceBinding(oneStop: OneStop, callers: Callers): ServiceBinding {
  const getDossier: UnaryHandler<dossierV1.GetDossierRequest__Output, dossierV1.GetDossierResponse> = async (
    request,
    call,
  ) => {
    const caller = callers.reader(
      grpcClientIdentity(call),
      {
        applicantId: metadataValue(call, APPLICANT_ID_HEADER),
        officerId: metadataValue(call, OFFICER_ID_HEADER),
      },
      APPLICANT_ID_HEADER,
    );
    const dossier = await oneStop.get(request.dossierId, caller);
    return {
      dossier: {
        id: dossier.id,
        code: dossier.code,
        procedureCode: dossier.procedureCode,
        unitCode: dossier.unitCode,
        status: toProtoStatus(dossier.status) as dossierV1.DossierStatus,
        receivedAt: dossier.receivedAt,
        dueAt: dossier.dueAt,
        paused: dossier.paused,
        closedAt: dossier.closedAt ?? '',
        requiredFacts: dossier.onceOnly.required,
        prefilledFacts: dossier.onceOnly.prefilled,
        resultFactId: dossier.resultFactId ?? '',
        allowedActions: dossier.allowedActions,
      },
    };
  };
  return {
    name: 'motlan.dossier.v1.DossierService',
    handlers: { GetDossier: getDossier as ServiceBinding['handlers'][string] },
  };
}
