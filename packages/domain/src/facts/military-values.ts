import { MotlanError } from '@motlan/errors';
import { Type, type Static } from 'typebox';
import { validateMilitaryCode } from '../military-code/validate-military-code.ts';
import { IsoDateSchema, TextSchema, type FactValueViolation } from './values.ts';

/**
 * Ranks (cấp bậc) of the People's Army from the lowest, as the Law on Officers of the Vietnam
 * People's Army (2014, amended 2024) and the Law on Military Service (2015) name them. A rank
 * outside this list (a misspelling such as `Thượng sỹ`, another case) is refused, not folded.
 */
export const MILITARY_RANKS = [
  'Binh nhì',
  'Binh nhất',
  'Hạ sĩ',
  'Trung sĩ',
  'Thượng sĩ',
  'Thiếu úy',
  'Trung úy',
  'Thượng úy',
  'Đại úy',
  'Thiếu tá',
  'Trung tá',
  'Thượng tá',
  'Đại tá',
  'Thiếu tướng',
  'Trung tướng',
  'Thượng tướng',
  'Đại tướng',
] as const;
export type MilitaryRank = (typeof MILITARY_RANKS)[number];

/**
 * Service status (trạng thái phục vụ): registered and ready for call-up, on active duty, in
 * reserve category 1 (served or trained) or 2 (never served), or discharged and not (yet) placed
 * in the reserve — the categories of the Law on Military Service 2015, arts. 4, 5 and 16 — or
 * removed from the register (đưa ra khỏi danh sách đăng ký nghĩa vụ quân sự, art. 19: the
 * citizen died or passed the reserve's age limit): the record is closed, in no category.
 */
export const MILITARY_SERVICE_STATUSES = [
  'registered',
  'active_duty',
  'reserve_category_1',
  'reserve_category_2',
  'discharged',
  'removed_from_register',
] as const;

export const MilitaryServiceStatusSchema = Type.Object(
  {
    status: Type.Enum([...MILITARY_SERVICE_STATUSES]),
    /** First registration for military service. */
    registeredAt: IsoDateSchema,
    /** Five-digit code of the commune where the person is registered. */
    communeCode: Type.String({ pattern: '^[0-9]{5}$' }),
    enlistedAt: Type.Optional(IsoDateSchema),
    dischargedAt: Type.Optional(IsoDateSchema),
  },
  { additionalProperties: false },
);
export type MilitaryServiceStatus = Static<typeof MilitaryServiceStatusSchema>;

export function checkMilitaryServiceStatus(value: MilitaryServiceStatus): FactValueViolation | undefined {
  if (value.status === 'active_duty' && value.enlistedAt === undefined) {
    return { path: '/enlistedAt', message: 'is required on active duty' };
  }
  if (
    value.dischargedAt !== undefined &&
    value.enlistedAt !== undefined &&
    value.dischargedAt < value.enlistedAt
  ) {
    return { path: '/dischargedAt', message: 'must not be before enlistedAt' };
  }
  return undefined;
}

/**
 * `{ "recorded": false }`: the personnel record states there is none (no unit off active duty, no
 * rank for who never served, no reserve category outside the reserve) — known to be absent, and
 * published so that a fact that no longer holds is superseded rather than left standing.
 */
const NotRecorded = Type.Optional(
  Type.Literal(false, { description: 'false: the record states there is none; then nothing else is set' }),
);

function recordedOrNot(
  value: { recorded?: false },
  fields: readonly string[],
): FactValueViolation | undefined {
  const present = fields.filter((field) => (value as Record<string, unknown>)[field] !== undefined);
  if (value.recorded === false) {
    return present.length === 0
      ? undefined
      : { path: `/${present[0]}`, message: 'must be absent when recorded is false' };
  }
  const missing = fields.find((field) => !present.includes(field));
  return missing === undefined ? undefined : { path: `/${missing}`, message: 'is required' };
}

export const MilitaryUnitSchema = Type.Object(
  { code: Type.Optional(TextSchema), name: Type.Optional(TextSchema), recorded: NotRecorded },
  { additionalProperties: false },
);
export const checkMilitaryUnit = (value: Static<typeof MilitaryUnitSchema>) =>
  recordedOrNot(value, ['code', 'name']);

export const MilitaryRankSchema = Type.Object(
  { rank: Type.Optional(Type.Enum([...MILITARY_RANKS])), recorded: NotRecorded },
  { additionalProperties: false },
);
export const checkMilitaryRank = (value: Static<typeof MilitaryRankSchema>) => recordedOrNot(value, ['rank']);

export const ReserveCategorySchema = Type.Object(
  { category: Type.Optional(Type.Union([Type.Literal(1), Type.Literal(2)])), recorded: NotRecorded },
  { additionalProperties: false },
);
export const checkReserveCategory = (value: Static<typeof ReserveCategorySchema>) =>
  recordedOrNot(value, ['category']);

/** A military person code must pass every rule of `validateMilitaryCode`, its check character included. */
export function checkMilitaryCode(value: { code: string }): FactValueViolation | undefined {
  try {
    validateMilitaryCode(value.code, 'code');
    return undefined;
  } catch (error) {
    if (error instanceof MotlanError) return { path: '/code', message: error.message };
    throw error;
  }
}
