import { MotlanError } from '@motlan/errors';
import { Type, type Static, type TSchema } from 'typebox';
import { isEthnicityCode } from '../codes/ethnicities.ts';
import { DomainErrors } from '../errors.ts';
import type { SourceSystem } from './sources.ts';
import {
  AddressSchema,
  BirthRegistrationSchema,
  checkAddress,
  checkBirthRegistration,
  checkFullName,
  checkPartialDate,
  checkPersonRef,
  DatePrecisionSchema,
  FullNameSchema,
  IsoDateSchema,
  PartialDateSchema,
  PersonalIdSchema,
  PersonRefSchema,
  personalIdViolation,
  TextSchema,
  type FactValueViolation,
} from './values.ts';
import {
  checkMilitaryCode,
  checkMilitaryRank,
  checkMilitaryServiceStatus,
  checkMilitaryUnit,
  checkReserveCategory,
  MilitaryRankSchema,
  MilitaryServiceStatusSchema,
  MilitaryUnitSchema,
  ReserveCategorySchema,
} from './military-values.ts';

/** Who may see a fact type: `sensitive` is special-category data under Decree 13/2023/NĐ-CP. */
export type Sensitivity = 'public' | 'personal' | 'sensitive';

export interface FactTypeDefinition<S extends TSchema = TSchema> {
  /** `<domain>.<name>`, e.g. `identity.full_name`; stable, never reused. */
  readonly type: string;
  readonly title: string;
  readonly description: string;
  /** The schema of the fact's value (the JSON in `Fact.value_json`). */
  readonly schema: S;
  /** Systems whose facts of this type are authoritative. */
  readonly authoritativeSources: readonly SourceSystem[];
  readonly sensitivity: Sensitivity;
  /** A rule the schema cannot express, checked after the schema passed. */
  check?(value: Static<S>): FactValueViolation | undefined;
}

function fact<const T extends string, S extends TSchema>(
  type: T,
  definition: Omit<FactTypeDefinition<S>, 'type'>,
): FactTypeDefinition<S> & { readonly type: T } {
  return Object.freeze({ type, ...definition });
}

function catalog<const D extends readonly FactTypeDefinition[]>(
  ...definitions: D
): { readonly [E in D[number] as E['type']]: E } {
  return Object.freeze(Object.fromEntries(definitions.map((d) => [d.type, d]))) as {
    readonly [E in D[number] as E['type']]: E;
  };
}

const POPULATION: readonly SourceSystem[] = ['national-population-db'];
/** The military service database, and the commune commands whose dossiers' results update it. */
const MILITARY_SERVICE: readonly SourceSystem[] = ['military-service-db', 'commune-military-command'];
/** Defence-works protection permits are issued by the provincial military command. */
const DEFENCE_WORKS: readonly SourceSystem[] = ['provincial-military-command'];
/** The military personnel database (CSDL ngành Quân lực) of the Ministry of National Defence. */
const MILITARY_PERSONNEL: readonly SourceSystem[] = ['military-personnel-db'];

/** A permit or agreement of defence-works protection: for what, where, from when until when, by whom. */
const DefencePermitSchema = Type.Object(
  {
    /** The defence works or military zone, as the permit names it. */
    worksRef: TextSchema,
    /** What is permitted, and where. */
    scope: TextSchema,
    validFrom: IsoDateSchema,
    validUntil: IsoDateSchema,
    /** The issuing unit's code, e.g. `BCHQS-T-01`. */
    unitCode: TextSchema,
    issuedAt: IsoDateSchema,
  },
  { additionalProperties: false },
);

/** ISO dates compare as text. */
function notBefore(
  later: string,
  earlier: string,
  path: string,
  name: string,
): FactValueViolation | undefined {
  return later < earlier ? { path, message: `must not be before ${name}` } : undefined;
}

/**
 * Every fact type, one entry each. Adding a type means adding it here; renaming or changing the
 * meaning of one means a new type.
 */
export const FACT_CATALOG = catalog(
  fact('identity.full_name', {
    title: 'Full name',
    description: 'Họ và tên: family, middle and given names as recorded, and the full name they make.',
    schema: FullNameSchema,
    authoritativeSources: POPULATION,
    sensitivity: 'personal',
    check: checkFullName,
  }),
  fact('identity.date_of_birth', {
    title: 'Date of birth',
    description:
      'Ngày tháng năm sinh: `date` is YYYY-MM-DD, or YYYY-MM / YYYY when the record knows only the month ' +
      "and year or only the year (older citizens' records carry 00 for an unknown day or month); " +
      '`precision` says which parts are known (absent on facts recorded before it existed: day).',
    schema: Type.Object(
      { date: PartialDateSchema, precision: Type.Optional(DatePrecisionSchema) },
      { additionalProperties: false },
    ),
    authoritativeSources: POPULATION,
    sensitivity: 'personal',
    check: (value) => {
      const violation = checkPartialDate(value.date, '/date', value.precision);
      if (violation !== undefined || value.precision !== undefined || value.date.length === 10)
        return violation;
      return { path: '/precision', message: 'is required when the date is partial' };
    },
  }),
  fact('identity.sex', {
    title: 'Sex',
    description: 'Giới tính, as recorded.',
    schema: Type.Object({ sex: Type.Enum(['male', 'female']) }, { additionalProperties: false }),
    authoritativeSources: POPULATION,
    sensitivity: 'personal',
  }),
  fact('identity.ethnicity', {
    title: 'Ethnicity',
    description: 'Dân tộc: a code from ETHNICITIES (01–54) and the name as the source wrote it.',
    schema: Type.Object(
      { code: Type.String({ pattern: '^[0-9]{2}$' }), name: TextSchema },
      { additionalProperties: false },
    ),
    authoritativeSources: POPULATION,
    sensitivity: 'sensitive',
    check: (value) =>
      isEthnicityCode(value.code) ? undefined : { path: '/code', message: 'must be an ethnicity code 01–54' },
  }),
  fact('identity.religion', {
    title: 'Religion',
    description:
      'Tôn giáo: a two-digit code (RELIGIONS lists the known ones, 00 = none) and the name as the source wrote it.',
    schema: Type.Object(
      { code: Type.String({ pattern: '^[0-9]{2}$' }), name: TextSchema },
      { additionalProperties: false },
    ),
    authoritativeSources: POPULATION,
    sensitivity: 'sensitive',
  }),
  fact('identity.blood_group', {
    title: 'Blood group',
    description: 'Nhóm máu (ABO).',
    schema: Type.Object({ group: Type.Enum(['O', 'A', 'B', 'AB']) }, { additionalProperties: false }),
    authoritativeSources: POPULATION,
    sensitivity: 'sensitive',
  }),
  fact('identity.vital_status', {
    title: 'Vital status',
    description:
      'Alive or deceased; the date of death when known, in full or (YYYY-MM / YYYY) with the day or month unknown.',
    schema: Type.Object(
      { status: Type.Enum(['alive', 'deceased']), dateOfDeath: Type.Optional(PartialDateSchema) },
      { additionalProperties: false },
    ),
    authoritativeSources: POPULATION,
    sensitivity: 'personal',
    check: (value) => {
      if (value.dateOfDeath === undefined) return undefined;
      if (value.status === 'alive') {
        return { path: '/dateOfDeath', message: 'must be absent while the status is alive' };
      }
      return checkPartialDate(value.dateOfDeath, '/dateOfDeath');
    },
  }),
  fact('civil.marital_status', {
    title: 'Marital status',
    description: 'Tình trạng hôn nhân.',
    schema: Type.Object(
      { status: Type.Enum(['single', 'married', 'divorced', 'widowed']) },
      { additionalProperties: false },
    ),
    authoritativeSources: POPULATION,
    sensitivity: 'personal',
  }),
  fact('residence.birth_registration', {
    title: 'Place of birth registration',
    description:
      'Nơi đăng ký khai sinh: an address in Viet Nam, or, for a birth registered abroad (at a mission), the country code ' +
      '(as in digits 1–3 of the personal ID) and the place as written.',
    schema: BirthRegistrationSchema,
    authoritativeSources: POPULATION,
    sensitivity: 'personal',
    check: checkBirthRegistration,
  }),
  fact('residence.place_of_origin', {
    title: 'Place of origin',
    description: 'Quê quán.',
    schema: AddressSchema,
    authoritativeSources: POPULATION,
    sensitivity: 'personal',
    check: checkAddress,
  }),
  fact('residence.permanent', {
    title: 'Permanent residence',
    description: 'Nơi thường trú.',
    schema: AddressSchema,
    authoritativeSources: POPULATION,
    sensitivity: 'personal',
    check: checkAddress,
  }),
  fact('residence.current', {
    title: 'Current residence',
    description: 'Nơi ở hiện tại.',
    schema: AddressSchema,
    authoritativeSources: POPULATION,
    sensitivity: 'personal',
    check: checkAddress,
  }),
  fact('family.father', {
    title: 'Father',
    description:
      'Cha: the father\'s name and, when recorded, his personal ID; `{ "recorded": false }` when the record names no father (left blank at birth registration when undetermined).',
    schema: PersonRefSchema,
    authoritativeSources: POPULATION,
    sensitivity: 'personal',
    check: checkPersonRef,
  }),
  fact('family.mother', {
    title: 'Mother',
    description:
      'Mẹ: the mother\'s name and, when recorded, her personal ID; `{ "recorded": false }` when the record names no mother.',
    schema: PersonRefSchema,
    authoritativeSources: POPULATION,
    sensitivity: 'personal',
    check: checkPersonRef,
  }),
  fact('family.spouse', {
    title: 'Spouse',
    description:
      'Vợ/chồng: the spouse\'s name and, when recorded, their personal ID; `{ "recorded": false }` when the record names no spouse.',
    schema: PersonRefSchema,
    authoritativeSources: POPULATION,
    sensitivity: 'personal',
    check: checkPersonRef,
  }),
  fact('household.membership', {
    title: 'Household membership',
    description: 'Chủ hộ and quan hệ với chủ hộ: the household head and this person’s relation to them.',
    schema: Type.Object(
      { headPersonalId: PersonalIdSchema, headFullName: TextSchema, relation: TextSchema },
      { additionalProperties: false },
    ),
    authoritativeSources: POPULATION,
    sensitivity: 'personal',
    check: (value) => personalIdViolation(value.headPersonalId, '/headPersonalId'),
  }),
  fact('military.service_registration', {
    title: 'Military service registration',
    description:
      'Đăng ký nghĩa vụ quân sự: status, date of registration, the registering military unit and commune. ' +
      'After a move-out registration (đăng ký di chuyển), also where the registration was transferred to ' +
      'and when, until the receiving unit registers the citizen. `militaryCode`: the military person code ' +
      'the registration was given, the key the personnel database holds the person under.',
    schema: Type.Object(
      {
        status: Type.Enum(['registered', 'reserve', 'exempt', 'deferred', 'serving', 'discharged']),
        registeredAt: IsoDateSchema,
        unitCode: TextSchema,
        commune: TextSchema,
        /** The new residence the registration moves to; its commune's command receives it. */
        transferredTo: Type.Optional(AddressSchema),
        transferredAt: Type.Optional(IsoDateSchema),
        /** Valid under validateMilitaryCode; the same code as the personnel record's `military.person_code`. */
        militaryCode: Type.Optional(Type.String({ maxLength: 64 })),
      },
      { additionalProperties: false },
    ),
    authoritativeSources: MILITARY_SERVICE,
    sensitivity: 'personal',
    check: (value) => {
      if (value.militaryCode !== undefined) {
        const code = checkMilitaryCode({ code: value.militaryCode });
        if (code !== undefined) return { ...code, path: '/militaryCode' };
      }
      if ((value.transferredTo === undefined) !== (value.transferredAt === undefined)) {
        const missing = value.transferredTo === undefined ? 'transferredTo' : 'transferredAt';
        return { path: `/${missing}`, message: 'is required with a transfer' };
      }
      const address = value.transferredTo === undefined ? undefined : checkAddress(value.transferredTo);
      return address === undefined ? undefined : { ...address, path: `/transferredTo${address.path}` };
    },
  }),
  fact('military.temporary_absence', {
    title: 'Military service temporary absence',
    description:
      'Đăng ký tạm vắng nghĩa vụ quân sự: a registered citizen away from the place of residence from one ' +
      'date until another, where to and why, as registered by the commune military command.',
    schema: Type.Object(
      {
        from: IsoDateSchema,
        until: IsoDateSchema,
        destination: TextSchema,
        reason: Type.Optional(TextSchema),
        registeredAt: IsoDateSchema,
        unitCode: TextSchema,
        commune: TextSchema,
      },
      { additionalProperties: false },
    ),
    authoritativeSources: MILITARY_SERVICE,
    sensitivity: 'personal',
    check: (value) => notBefore(value.until, value.from, '/until', 'from'),
  }),
  fact('military.person_code', {
    title: 'Military person code',
    description:
      'Mã định danh quân nhân, linked to the personal ID: 15 characters, valid under validateMilitaryCode ' +
      '(format in packages/domain/README.md, check character ISO/IEC 7064 MOD 37-36).',
    schema: Type.Object(
      { code: Type.String({ pattern: '^\\S+$', maxLength: 64 }) },
      { additionalProperties: false },
    ),
    authoritativeSources: MILITARY_PERSONNEL,
    sensitivity: 'personal',
    check: checkMilitaryCode,
  }),
  fact('military.service_status', {
    title: 'Military service status',
    description:
      'Trạng thái phục vụ: registered (ready for call-up), active duty, reserve category 1 or 2, discharged, or ' +
      'removed from the register (art. 19: died or past the reserve age; the record closed); ' +
      'the first registration date, the five-digit code of the commune of registration, and the enlistment ' +
      'and discharge dates when there are any (Law on Military Service 2015).',
    schema: MilitaryServiceStatusSchema,
    authoritativeSources: MILITARY_PERSONNEL,
    sensitivity: 'personal',
    check: checkMilitaryServiceStatus,
  }),
  fact('military.unit', {
    title: 'Military unit',
    description:
      'Đơn vị: the unit a service member on active duty belongs to, its code and name as the personnel ' +
      'system writes them; `{ "recorded": false }` when the person is not on active duty.',
    schema: MilitaryUnitSchema,
    authoritativeSources: MILITARY_PERSONNEL,
    sensitivity: 'personal',
    check: checkMilitaryUnit,
  }),
  fact('military.rank', {
    title: 'Military rank',
    description:
      'Cấp bậc: the current rank, or the rank at discharge (one of MILITARY_RANKS); `{ "recorded": false }` ' +
      'for who never served.',
    schema: MilitaryRankSchema,
    authoritativeSources: MILITARY_PERSONNEL,
    sensitivity: 'personal',
    check: checkMilitaryRank,
  }),
  fact('military.reserve_category', {
    title: 'Reserve category',
    description:
      'Hạng dự bị: 1 (served, or trained) or 2 (never served), Law on Military Service 2015 art. 16; ' +
      '`{ "recorded": false }` when the person is not in the reserve.',
    schema: ReserveCategorySchema,
    authoritativeSources: MILITARY_PERSONNEL,
    sensitivity: 'personal',
    check: checkReserveCategory,
  }),
  fact('military.health_grade', {
    title: 'Military health grade',
    description:
      'Phân loại sức khỏe: grade 1 (best) to 6 from the military health examination (the medical board), and ' +
      'its date when the source records it (the personnel database keeps the grade without the date).',
    schema: Type.Object(
      { grade: Type.Integer({ minimum: 1, maximum: 6 }), assessedAt: Type.Optional(IsoDateSchema) },
      { additionalProperties: false },
    ),
    authoritativeSources: ['military-service-db', 'military-personnel-db'],
    sensitivity: 'sensitive',
  }),
  fact('defence.safety_belt_permit', {
    title: 'Permit for activities in a defence safety belt',
    description:
      'Giấy phép hoạt động trong vành đai an toàn công trình quốc phòng và khu quân sự: the works or zone, ' +
      'the activity and its place, the validity, the issuing unit and date.',
    schema: DefencePermitSchema,
    authoritativeSources: DEFENCE_WORKS,
    sensitivity: 'personal',
    check: (value) => notBefore(value.validUntil, value.validFrom, '/validUntil', 'validFrom'),
  }),
  fact('defence.special_area_entry_permit', {
    title: 'Permit to enter a special-group defence works area',
    description:
      'Giấy phép ra, vào khu vực bảo vệ công trình quốc phòng nhóm đặc biệt: the works, the purpose of the ' +
      'entries, the validity, the issuing unit and date.',
    schema: DefencePermitSchema,
    authoritativeSources: DEFENCE_WORKS,
    sensitivity: 'personal',
    check: (value) => notBefore(value.validUntil, value.validFrom, '/validUntil', 'validFrom'),
  }),
  fact('defence.construction_location_agreement', {
    title: 'Agreement on a construction location in a defence protected area',
    description:
      'Thỏa thuận vị trí xây dựng công trình trong khu vực bảo vệ công trình quốc phòng: the defence works, ' +
      'the construction and its location, the validity, the agreeing unit and date.',
    schema: DefencePermitSchema,
    authoritativeSources: DEFENCE_WORKS,
    sensitivity: 'personal',
    check: (value) => notBefore(value.validUntil, value.validFrom, '/validUntil', 'validFrom'),
  }),
);

export type FactCatalog = typeof FACT_CATALOG;
export type FactTypeName = keyof FactCatalog;
/** The value of a fact of type T, as its schema describes it. */
export type FactValue<T extends FactTypeName> = Static<FactCatalog[T]['schema']>;

export const FACT_TYPES: readonly FactTypeName[] = Object.freeze(Object.keys(FACT_CATALOG) as FactTypeName[]);

export function isKnownFactType(type: string): type is FactTypeName {
  return Object.hasOwn(FACT_CATALOG, type);
}

/** The catalog entry for a type; throws MOTLAN_UNKNOWN_FACT_TYPE for a type not in the catalog. */
export function factType<T extends FactTypeName>(type: T, field?: string): FactCatalog[T];
export function factType(type: string, field?: string): FactTypeDefinition;
export function factType(type: string, field = 'type'): FactTypeDefinition {
  if (!isKnownFactType(type)) {
    throw new MotlanError(
      DomainErrors.unknownFactType,
      `Unknown fact type ${JSON.stringify(String(type)).slice(0, 80)}; known types are listed in FACT_TYPES`,
      { field },
    );
  }
  return FACT_CATALOG[type] as FactTypeDefinition;
}
