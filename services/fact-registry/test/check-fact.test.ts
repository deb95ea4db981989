import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, declaredFacts } from '@motlan/domain';
import type { Fact__Output } from '@motlan/proto';
import { loadPolicy, mayDeclare } from '@motlan/access';
import { readConfig } from '../src/config.ts';
import { checkFact } from '../src/domain/check-fact.ts';

/** A resolved dossier's result as the one-stop shop publishes it: authoritative, of the handling unit. */
function result(type: string, value: unknown, sourceSystem: string): Fact__Output {
  return {
    id: 'b9d7c1de-0000-4000-8000-000000000001',
    subject: { personalId: '001099000801' },
    type,
    valueJson: canonicalJson(value),
    provenance: {
      sourceSystem,
      assurance: 'ASSURANCE_AUTHORITATIVE',
      sourceRecordRef: 'dossier/MT-20260302-000001',
      sourceRecordVersion: '1',
      observedAt: '2026-03-02T03:00:00.000Z',
      validFrom: '2026-03-05',
      validUntil: '2026-09-30',
      dossierId: 'b9d7c1de-0000-4000-8000-0000000000d1',
      contentHash: contentHash(value),
    },
  };
}

const permit = {
  worksRef: 'Khu vực bảo vệ CT-07',
  scope: 'Ra, vào khảo sát địa chất, 2 người',
  validFrom: '2026-03-09',
  validUntil: '2026-06-30',
  unitCode: 'BCHQS-T-01',
  issuedAt: '2026-03-09',
};

describe('the catalog check of incoming facts', () => {
  it.each([
    [
      'military.temporary_absence',
      {
        from: '2026-03-05',
        until: '2026-09-30',
        destination: 'Thành phố Hồ Chí Minh',
        registeredAt: '2026-03-02',
        unitCode: 'BCHQS-X-00004',
        commune: '00004',
      },
      'commune-military-command',
    ],
    [
      'military.service_registration',
      {
        status: 'registered',
        registeredAt: '2026-03-02',
        unitCode: 'BCHQS-X-00004',
        commune: '00004',
        transferredTo: {
          provinceCode: '79',
          wardCode: '26734',
          detail: 'Số 5',
          unitsVersion: 'current-2025',
        },
        transferredAt: '2026-03-02',
      },
      'commune-military-command',
    ],
    ['defence.safety_belt_permit', permit, 'provincial-military-command'],
    ['defence.special_area_entry_permit', permit, 'provincial-military-command'],
    ['defence.construction_location_agreement', permit, 'provincial-military-command'],
  ])('applies a %s result of the handling unit', (type, value, source) => {
    expect(() => checkFact(result(type, value, source))).not.toThrow();
  });

  it('dead-letters a permit whose validity ends before it starts', () => {
    const bad = result('defence.safety_belt_permit', { ...permit, validUntil: '2026-01-01' }, 'x');
    expect(() => checkFact(bad)).toThrow(expect.objectContaining({ code: 'MOTLAN_FACT_VALUE_INVALID' }));
  });

  it('refuses authority from a source the catalog does not name for the type, and only authority', () => {
    const claimed = result('defence.safety_belt_permit', permit, 'commune-military-command');
    expect(() => checkFact(claimed)).toThrow(
      expect.objectContaining({ code: 'MOTLAN_VALIDATION_FAILED', field: 'provenance.sourceSystem' }),
    );
    // The same source may declare it on the citizen's behalf: no authority claimed, nothing to check.
    const declared = {
      ...claimed,
      provenance: { ...claimed.provenance!, assurance: 'ASSURANCE_SELF_DECLARED' as const },
    };
    expect(() => checkFact(declared)).not.toThrow();
  });

  it('refuses a value the edges would refuse (U+0000, RLO), naming the field, and a value not in NFC', () => {
    const nul = result(
      'defence.safety_belt_permit',
      { ...permit, worksRef: 'W-1\u0000' },
      'provincial-military-command',
    );
    expect(nul.valueJson).toContain('\\u0000');
    expect(() => checkFact(nul)).toThrow(
      expect.objectContaining({ code: 'MOTLAN_TEXT_CONTROL_CHARACTER', field: 'valueJson.worksRef' }),
    );
    const rlo = result(
      'defence.safety_belt_permit',
      { ...permit, scope: '\u202eabc' },
      'provincial-military-command',
    );
    expect(() => checkFact(rlo)).toThrow(
      expect.objectContaining({ code: 'MOTLAN_TEXT_INVISIBLE_CHARACTER' }),
    );
    const nfd = result(
      'defence.safety_belt_permit',
      { ...permit, worksRef: permit.worksRef.normalize('NFD') },
      'provincial-military-command',
    );
    expect(() => checkFact(nfd)).toThrow(
      expect.objectContaining({
        code: 'MOTLAN_VALIDATION_FAILED',
        message: 'valueJson is not in Unicode NFC',
      }),
    );
    expect(() =>
      checkFact(result('defence.safety_belt_permit', permit, 'provincial-military-command')),
    ).not.toThrow();
  });
});

describe('facts the one-stop shop declares through its outbox', () => {
  it('are whole: self-declared by one-stop (a client the policy lets declare), from the shared builder', () => {
    const [fact] = declaredFacts(
      {
        personalId: '001099000801',
        dossierId: 'b9d7c1de-0000-4000-8000-0000000000d1',
        facts: [{ type: 'military.health_grade', value: { grade: 1, assessedAt: '2025-03-01' } }],
      },
      'one-stop',
    );
    expect(() => checkFact(fact!)).not.toThrow();
    expect(mayDeclare(loadPolicy(readConfig().ACCESS_POLICY_FILE), 'one-stop')).toBe(true);
  });
});
