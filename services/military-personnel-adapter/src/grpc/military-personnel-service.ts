import { grpcCallContext, type AdapterServing } from '@motlan/adapter-kit';
import type { ServiceBinding, UnaryHandler } from '@motlan/grpc';
import type { militaryV1 } from '@motlan/proto';
import { checkClaims, claimedFactTypes } from '../domain/check-claims.ts';
import { checkMemberKey } from '../domain/member-key.ts';
import { verifyClaims } from '../domain/verify-claims.ts';
import type { MemberLookup } from '../member-lookup.ts';
import type { MpdbRecord } from '../domain/mpdb-record.ts';

/** Proto3 leaves unset strings empty; the domain checks want them absent. */
const given = (claims: militaryV1.ServiceMemberClaims__Output | null) =>
  Object.fromEntries(Object.entries(claims ?? {}).filter(([, value]) => value !== '')) as {
    fullName?: string;
    dateOfBirth?: string;
    militaryCode?: string;
    personalId?: string;
  };

/** motlan.military.v1.MilitaryPersonnelService */
export function militaryPersonnelServiceBinding(
  serving: AdapterServing<MpdbRecord>,
  lookup: MemberLookup,
): ServiceBinding {
  const verifyServiceMember: UnaryHandler<
    militaryV1.VerifyServiceMemberRequest__Output,
    militaryV1.VerifyServiceMemberResponse
  > = async (request, call) => {
    const context = grpcCallContext(call, serving.deadlineCapMs);
    const key = checkMemberKey(request);
    const claims = checkClaims(given(request.claims), 'claims');
    const subject = await lookup.admit(serving, context, {
      key,
      purpose: request.purpose,
      factTypes: claimedFactTypes(claims),
    });
    const { record, freshness } = await serving.factSource.record(subject, context);
    return { ...verifyClaims(record, claims), serviceMemberFound: true, freshness };
  };

  const getServiceMember: UnaryHandler<
    militaryV1.GetServiceMemberRequest__Output,
    militaryV1.GetServiceMemberResponse
  > = async (request, call) => {
    const context = grpcCallContext(call, serving.deadlineCapMs);
    const key = checkMemberKey(request);
    const subject = await lookup.admit(serving, context, {
      key,
      purpose: request.purpose,
      factTypes: request.factTypes,
    });
    return serving.factSource.facts(subject, request.factTypes, context);
  };

  return {
    name: 'motlan.military.v1.MilitaryPersonnelService',
    handlers: {
      VerifyServiceMember: verifyServiceMember as ServiceBinding['handlers'][string],
      GetServiceMember: getServiceMember as ServiceBinding['handlers'][string],
    },
  };
}
