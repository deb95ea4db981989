import { grpcClientIdentity } from '@motlan/access';
import type { ServiceBinding, UnaryHandler } from '@motlan/grpc';
import type { dossierV1 } from '@motlan/proto';
import { toProtoStatus } from '../domain/lifecycle.ts';
import type { OneStop } from '../one-stop.ts';

/** motlan.dossier.v1.DossierService: dossier status for internal back-offices (mutual TLS). */
export function dossierServiceBinding(oneStop: OneStop): ServiceBinding {
  const getDossier: UnaryHandler<dossierV1.GetDossierRequest__Output, dossierV1.GetDossierResponse> = async (
    request,
    call,
  ) => {
    grpcClientIdentity(call); // only callers with a certificate from our CA get this far
    const dossier = await oneStop.get(request.dossierId);
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
