import { validateMilitaryCode, validatePersonalId } from '@motlan/domain';
import { MotlanError } from '@motlan/errors';
import { MilitaryErrors } from '../errors.ts';

/** How a request names the person: by personal ID, or by military person code. */
export type MemberKey = { personalId: string } | { militaryCode: string };

/**
 * Exactly one key, valid under its own rules (each rule its own code, as for the personal ID):
 * both or neither is MOTLAN_SERVICE_MEMBER_KEY_REQUIRED.
 */
export function checkMemberKey(request: { personalId?: string; militaryCode?: string }): MemberKey {
  const personalId = request.personalId ?? '';
  const militaryCode = request.militaryCode ?? '';
  if ((personalId === '') === (militaryCode === '')) {
    throw new MotlanError(
      MilitaryErrors.memberKeyRequired,
      'name the person by exactly one of personalId and militaryCode',
      { field: personalId === '' ? 'personalId' : 'militaryCode' },
    );
  }
  if (personalId !== '') {
    validatePersonalId(personalId);
    return { personalId };
  }
  validateMilitaryCode(militaryCode, 'militaryCode');
  return { militaryCode };
}
