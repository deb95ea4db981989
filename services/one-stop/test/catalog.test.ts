import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { authorize, loadPolicy } from '@motlan/access';
import { loadProcedureCatalog } from '../src/catalog-data.ts';
import {
  allowedActions,
  APPLICANT_ACTIONS,
  DOSSIER_ACTIONS,
  isOfficerAction,
  OFFICER_ACTIONS,
  transition,
  type DossierAction,
  type DossierStatus,
} from '../src/domain/lifecycle.ts';

const catalog = loadProcedureCatalog();
const policy = loadPolicy(
  fileURLToPath(new URL('../../../infra/policies/access-policy.json', import.meta.url)),
);

describe('the procedure catalog', () => {
  it('holds the seven military-service procedures and defence-works ones', () => {
    expect(catalog.list({ field: 'Nghĩa vụ quân sự' })).toHaveLength(7);
    expect(catalog.list({ field: 'Quản lý, bảo vệ công trình quốc phòng' }).length).toBeGreaterThanOrEqual(2);
    expect(catalog.get('1.004225').timeLimitWorkingDays).toBe(1);
    expect(catalog.list({ q: 'tam vang' }).map((p) => p.code)).toEqual(['1.004225']);
  });

  it('is allowed to read every fact each procedure needs, for that procedure only', () => {
    for (const procedure of catalog.procedures) {
      expect(
        authorize(policy, 'one-stop', procedure.code, procedure.requiredFacts),
        procedure.code,
      ).toMatchObject({
        allowed: true,
      });
    }
  });

  it('refuses an unknown procedure with a typed error', () => {
    expect(() => catalog.get('9.999999')).toThrow(
      expect.objectContaining({ code: 'MOTLAN_UNKNOWN_PROCEDURE' }),
    );
  });
});

describe('the lifecycle', () => {
  const table: [DossierStatus, DossierAction, DossierStatus | undefined][] = [
    ['received', 'start-processing', 'in_processing'],
    ['received', 'resolve', undefined],
    ['received', 'request-supplement', undefined],
    ['received', 'reject', 'rejected'],
    ['received', 'withdraw', 'withdrawn'],
    ['in_processing', 'request-supplement', 'supplement_requested'],
    ['in_processing', 'resolve', 'resolved'],
    ['in_processing', 'reject', 'rejected'],
    ['in_processing', 'withdraw', 'withdrawn'],
    ['in_processing', 'supplement', undefined],
    ['supplement_requested', 'supplement', 'in_processing'],
    ['supplement_requested', 'resolve', undefined],
    ['supplement_requested', 'withdraw', 'withdrawn'],
    ['resolved', 'withdraw', undefined],
    ['resolved', 'reject', undefined],
    ['withdrawn', 'resolve', undefined],
    ['withdrawn', 'start-processing', undefined],
    ['rejected', 'resolve', undefined],
  ];
  it.each(table)('%s --%s--> %s', (from, action, to) => {
    if (to) expect(transition(from, action)).toBe(to);
    else
      expect(() => transition(from, action)).toThrow(
        expect.objectContaining({ code: 'MOTLAN_DOSSIER_TRANSITION_NOT_ALLOWED', httpStatus: 409 }),
      );
  });

  it('offers no action on a finished dossier', () => {
    expect(allowedActions('resolved')).toEqual([]);
    expect(allowedActions('withdrawn')).toEqual([]);
    expect(allowedActions('received')).toEqual(['start-processing', 'reject', 'withdraw']);
  });

  it('gives every action to either the handling unit (certificate) or the applicant, never both', () => {
    expect([...OFFICER_ACTIONS, ...APPLICANT_ACTIONS].sort()).toEqual([...DOSSIER_ACTIONS].sort());
    expect(DOSSIER_ACTIONS.filter(isOfficerAction)).toEqual([
      'start-processing',
      'request-supplement',
      'resolve',
      'reject',
    ]);
  });
});
