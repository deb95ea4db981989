import { GrpcCode } from '@motlan/errors';
import { describe, expect, it } from 'vitest';
import {
  FACT_CATALOG,
  FACT_TYPES,
  factType,
  isKnownFactType,
  SOURCE_SYSTEMS,
  validateFactValue,
  type FactTypeName,
  type FactValue,
} from '../src/index.ts';
import { thrown } from './support.ts';

const legacyAddress = {
  provinceCode: '01',
  districtCode: '001',
  wardCode: '00001',
  detail: 'Số 1 phố Phúc Xá',
  unitsVersion: 'legacy-2024',
};
const currentAddress = {
  provinceCode: '01',
  wardCode: '00004',
  detail: 'Số 1 phố Phúc Xá',
  unitsVersion: 'current-2025',
};

const registration = {
  status: 'registered',
  registeredAt: '2017-04-10',
  unitCode: 'BCHQS-X-00004',
  commune: '00004',
};
const absence = {
  from: '2025-06-01',
  until: '2025-12-31',
  destination: 'Phường Sài Gòn, Thành phố Hồ Chí Minh',
  registeredAt: '2025-05-28',
  unitCode: 'BCHQS-X-00004',
  commune: '00004',
};
const permit = {
  worksRef: 'Trận địa phòng không TĐ-01',
  scope: 'Khoan thăm dò địa chất trong phạm vi 200 m phía bắc',
  validFrom: '2025-07-01',
  validUntil: '2025-12-31',
  unitCode: 'BCHQS-T-01',
  issuedAt: '2025-07-01',
};

/** For every type: a good value, and a bad one with the JSON pointer the error must name. */
const SAMPLES: Record<FactTypeName, { good: unknown[]; bad: [value: unknown, path: string][] }> = {
  'identity.full_name': {
    good: [
      { family: 'Nguyễn', middle: 'Văn', given: 'An', full: 'Nguyễn Văn An' },
      { family: '', middle: '', given: 'Sùng', full: 'Sùng' },
    ],
    bad: [
      [{ family: 'Nguyễn', middle: 'Văn', full: 'Nguyễn Văn An' }, '/given'],
      [{ family: 'Nguyễn', middle: 'Văn', given: 'An', full: 'Nguyễn Văn Anh' }, '/full'],
      [{ family: 'Nguyễn', middle: 'Văn', given: '  ', full: 'Nguyễn Văn' }, '/given'],
    ],
  },
  'identity.date_of_birth': {
    good: [
      { date: '1999-05-17' },
      { date: '2000-02-29' },
      { date: '1999-05-17', precision: 'day' },
      { date: '1945', precision: 'year' },
      { date: '1952-07', precision: 'month' },
    ],
    bad: [
      [{ date: '17/05/1999' }, '/date'],
      [{ date: '1999-02-29' }, '/date'],
      [{}, '/date'],
      [{ date: '1945-00', precision: 'month' }, '/date'],
      [{ date: '1945' }, '/precision'],
      [{ date: '1945', precision: 'day' }, '/precision'],
      [{ date: '1952-07-01', precision: 'month' }, '/precision'],
    ],
  },
  'identity.sex': {
    good: [{ sex: 'male' }, { sex: 'female' }],
    bad: [
      [{ sex: 'nam' }, '/sex'],
      [{ sex: 'male', gender: 'x' }, '/gender'],
    ],
  },
  'identity.ethnicity': {
    good: [
      { code: '01', name: 'Kinh' },
      { code: '54', name: 'Rơ Măm' },
    ],
    bad: [
      [{ code: '1', name: 'Kinh' }, '/code'],
      [{ code: '55', name: 'Khác' }, '/code'],
      [{ code: '01' }, '/name'],
    ],
  },
  'identity.religion': {
    good: [
      { code: '00', name: 'Không' },
      { code: '01', name: 'Phật giáo' },
    ],
    bad: [[{ code: 'PG', name: 'Phật giáo' }, '/code']],
  },
  'identity.blood_group': {
    good: [{ group: 'O' }, { group: 'AB' }],
    bad: [[{ group: 'C' }, '/group']],
  },
  'identity.vital_status': {
    good: [
      { status: 'alive' },
      { status: 'deceased', dateOfDeath: '2020-01-01' },
      { status: 'deceased' },
      { status: 'deceased', dateOfDeath: '2020' },
    ],
    bad: [
      [{ status: 'alive', dateOfDeath: '2020-01-01' }, '/dateOfDeath'],
      [{ status: 'deceased', dateOfDeath: '2020-13-01' }, '/dateOfDeath'],
      [{ status: 'deceased', dateOfDeath: '2020-00' }, '/dateOfDeath'],
      [{ status: 'missing' }, '/status'],
    ],
  },
  'civil.marital_status': {
    good: [{ status: 'single' }, { status: 'widowed' }],
    bad: [[{ status: 'engaged' }, '/status']],
  },
  'residence.birth_registration': {
    good: [
      legacyAddress,
      currentAddress,
      { countryCode: '232', fullText: 'Cơ quan đại diện Việt Nam ở nước ngoài' },
      { countryCode: '999' },
    ],
    bad: [
      [{ ...legacyAddress, provinceCode: '001' }, '/provinceCode'],
      [{ countryCode: '096' }, '/countryCode'],
      [{ countryCode: '232', provinceCode: '01' }, '/provinceCode'],
      [{ provinceCode: '01', wardCode: '00001', detail: '' }, '/unitsVersion'],
      [{ ...currentAddress, districtCode: '001' }, '/districtCode'],
    ],
  },
  'residence.place_of_origin': {
    good: [legacyAddress, { ...currentAddress, districtCode: null, fullText: 'Phường Ba Đình, Hà Nội' }],
    bad: [[{ ...legacyAddress, wardCode: '1' }, '/wardCode']],
  },
  'residence.permanent': {
    good: [
      legacyAddress,
      currentAddress,
      { ...legacyAddress, current: { provinceCode: '01', wardCode: '00004', effectiveFrom: '2025-07-01' } },
      { ...legacyAddress, current: { provinceCode: '79', effectiveFrom: '2025-07-01' } },
    ],
    bad: [
      [{ ...currentAddress, districtCode: '001' }, '/districtCode'],
      [{ ...currentAddress, current: { provinceCode: '01', effectiveFrom: '2025-07-01' } }, '/current'],
      [
        { ...legacyAddress, current: { provinceCode: '1', effectiveFrom: '2025-07-01' } },
        '/current/provinceCode',
      ],
      [{ ...legacyAddress, unitsVersion: '2024' }, '/unitsVersion'],
    ],
  },
  'residence.current': {
    good: [legacyAddress, currentAddress],
    bad: [
      [{ ...legacyAddress, detail: undefined }, '/detail'],
      [{ ...legacyAddress, street: 'Phúc Xá' }, '/street'],
    ],
  },
  'family.father': {
    good: [
      { personalId: '001060012345', fullName: 'Nguyễn Văn Bình' },
      { fullName: 'Nguyễn Văn Bình' },
      { recorded: false },
    ],
    bad: [
      [{ fullName: '' }, '/fullName'],
      [{}, '/fullName'],
      [{ recorded: true }, '/recorded'],
      [{ recorded: false, fullName: 'Nguyễn Văn Bình' }, '/fullName'],
      [{ personalId: '00106001234', fullName: 'Nguyễn Văn Bình' }, '/personalId'],
      [{ personalId: '003060012345', fullName: 'Nguyễn Văn Bình' }, '/personalId'],
    ],
  },
  'family.mother': {
    good: [{ personalId: '001165012345', fullName: 'Trần Thị Cúc' }],
    bad: [[{ personalId: '001165012345' }, '/fullName']],
  },
  'family.spouse': {
    good: [{ personalId: '001098012345', fullName: 'Lê Văn Dũng' }],
    bad: [[{ personalId: 1298012345, fullName: 'Lê Văn Dũng' }, '/personalId']],
  },
  'household.membership': {
    good: [{ headPersonalId: '001060012345', headFullName: 'Nguyễn Văn Bình', relation: 'Con' }],
    bad: [
      [{ headPersonalId: '001060012345', headFullName: 'Nguyễn Văn Bình', relation: '' }, '/relation'],
      [
        { headPersonalId: '097060012345', headFullName: 'Nguyễn Văn Bình', relation: 'Con' },
        '/headPersonalId',
      ],
    ],
  },
  'military.service_registration': {
    good: [
      { status: 'registered', registeredAt: '2017-04-10', unitCode: 'BCHQS-001', commune: 'Phúc Xá' },
      { ...registration, transferredTo: currentAddress, transferredAt: '2025-06-02' },
      // The first registration's result names the code the personnel database keeps the person under.
      { ...registration, militaryCode: 'QNK120240001236' },
    ],
    bad: [
      [
        { status: 'drafted', registeredAt: '2017-04-10', unitCode: 'BCHQS-001', commune: 'Phúc Xá' },
        '/status',
      ],
      [
        { status: 'reserve', registeredAt: 'yesterday', unitCode: 'BCHQS-001', commune: 'Phúc Xá' },
        '/registeredAt',
      ],
      [{ ...registration, militaryCode: 'QNK120240001237' }, '/militaryCode'],
      [{ ...registration, transferredTo: currentAddress }, '/transferredAt'],
      [{ ...registration, transferredAt: '2025-06-02' }, '/transferredTo'],
      [
        {
          ...registration,
          transferredTo: { ...currentAddress, districtCode: '001' },
          transferredAt: '2025-06-02',
        },
        '/transferredTo/districtCode',
      ],
    ],
  },
  'military.temporary_absence': {
    good: [
      absence,
      { ...absence, reason: 'Đi làm việc tại Thành phố Hồ Chí Minh' },
      { ...absence, until: absence.from },
    ],
    bad: [
      [{ ...absence, until: '2025-05-31' }, '/until'],
      [{ ...absence, from: '2025-06-31' }, '/from'],
      [{ ...absence, destination: ' ' }, '/destination'],
      [{ ...absence, destination: undefined }, '/destination'],
    ],
  },
  'military.person_code': {
    good: [{ code: 'QNK120240001236' }],
    bad: [
      [{ code: 'QN 01' }, '/code'],
      // One character off: the MOD 37-36 check character no longer matches.
      [{ code: 'QNK120240001237' }, '/code'],
      [{ code: 'QN-0123456789' }, '/code'],
    ],
  },
  'military.service_status': {
    good: [
      { status: 'registered', registeredAt: '2024-04-18', communeCode: '00667' },
      { status: 'active_duty', registeredAt: '2022-04-18', communeCode: '00667', enlistedAt: '2025-02-17' },
      {
        status: 'discharged',
        registeredAt: '2019-04-18',
        communeCode: '00667',
        enlistedAt: '2021-02-17',
        dischargedAt: '2023-02-17',
      },
      { status: 'removed_from_register', registeredAt: '2019-04-18', communeCode: '00667' },
    ],
    bad: [
      [{ status: 'TAI_NGU', registeredAt: '2024-04-18', communeCode: '00667' }, '/status'],
      [{ status: 'DA_DUA_RA_KHOI_DANH_SACH', registeredAt: '2024-04-18', communeCode: '00667' }, '/status'],
      [{ status: 'registered', registeredAt: '2024-04-18', communeCode: '0667' }, '/communeCode'],
      [{ status: 'active_duty', registeredAt: '2022-04-18', communeCode: '00667' }, '/enlistedAt'],
      [
        { status: 'discharged', registeredAt: '2019-04-18', communeCode: '00667', enlistedAt: '2019-02-30' },
        '/enlistedAt',
      ],
      [
        {
          status: 'discharged',
          registeredAt: '2019-04-18',
          communeCode: '00667',
          enlistedAt: '2021-02-17',
          dischargedAt: '2020-02-17',
        },
        '/dischargedAt',
      ],
    ],
  },
  'military.unit': {
    good: [{ code: 'E102-D1', name: 'Tiểu đoàn 1, Trung đoàn 102, Sư đoàn 308' }, { recorded: false }],
    bad: [
      [{ code: 'E102-D1' }, '/name'],
      [{ recorded: false, code: 'E102-D1' }, '/code'],
      [{}, '/code'],
    ],
  },
  'military.rank': {
    good: [{ rank: 'Binh nhì' }, { rank: 'Thượng sĩ' }, { recorded: false }],
    bad: [
      [{ rank: 'Thượng sỹ' }, '/rank'],
      [{ rank: 'THƯỢNG SĨ' }, '/rank'],
      [{ recorded: false, rank: 'Binh nhì' }, '/rank'],
    ],
  },
  'military.reserve_category': {
    good: [{ category: 1 }, { category: 2 }, { recorded: false }],
    bad: [
      [{ category: 3 }, '/category'],
      [{}, '/category'],
    ],
  },
  'military.health_grade': {
    good: [{ grade: 1, assessedAt: '2017-03-01' }, { grade: 6, assessedAt: '2017-03-01' }, { grade: 3 }],
    bad: [
      [{ grade: 7, assessedAt: '2017-03-01' }, '/grade'],
      [{ grade: 2.5, assessedAt: '2017-03-01' }, '/grade'],
      [{ grade: 0, assessedAt: '2017-03-01' }, '/grade'],
    ],
  },
  'defence.safety_belt_permit': {
    good: [permit, { ...permit, validUntil: permit.validFrom }],
    bad: [
      [{ ...permit, validUntil: '2025-06-30' }, '/validUntil'],
      [{ ...permit, scope: '' }, '/scope'],
    ],
  },
  'defence.special_area_entry_permit': {
    good: [{ ...permit, scope: 'Ra, vào khảo sát địa chất, 2 người' }],
    bad: [
      [{ ...permit, issuedAt: '01/07/2025' }, '/issuedAt'],
      [{ ...permit, kind: 'entry' }, '/kind'],
    ],
  },
  'defence.construction_location_agreement': {
    good: [{ ...permit, scope: 'Nhà ở 3 tầng tại thửa đất số 12, tờ bản đồ số 4' }],
    bad: [
      [{ ...permit, worksRef: undefined }, '/worksRef'],
      [{ ...permit, validFrom: '2026-01-01', validUntil: '2025-12-31' }, '/validUntil'],
    ],
  },
};

describe('fact type catalog', () => {
  it('has a sample for every type (so a new type gets tested)', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...FACT_TYPES].sort());
  });

  it('describes every type fully', () => {
    for (const type of FACT_TYPES) {
      const definition = factType(type);
      expect(definition.type).toBe(type);
      expect(type).toMatch(/^[a-z]+\.[a-z_]+$/);
      expect(definition.title).not.toBe('');
      expect(definition.description).not.toBe('');
      expect(definition.schema).toHaveProperty('type', 'object');
      expect(definition.authoritativeSources.length).toBeGreaterThan(0);
      for (const source of definition.authoritativeSources) expect(SOURCE_SYSTEMS).toContain(source);
      expect(['public', 'personal', 'sensitive']).toContain(definition.sensitivity);
    }
  });

  it('marks health and special-category data sensitive', () => {
    for (const type of [
      'identity.blood_group',
      'military.health_grade',
      'identity.ethnicity',
      'identity.religion',
    ] as const) {
      expect(FACT_CATALOG[type].sensitivity).toBe('sensitive');
    }
    expect(FACT_CATALOG['military.person_code'].authoritativeSources).toEqual(['military-personnel-db']);
    expect(FACT_CATALOG['military.service_registration'].authoritativeSources).toEqual([
      'military-service-db',
      'commune-military-command',
    ]);
  });

  it('takes the results of the one-stop shop’s handling units as authoritative', () => {
    for (const type of ['military.service_registration', 'military.temporary_absence'] as const) {
      expect(FACT_CATALOG[type].authoritativeSources).toContain('commune-military-command');
    }
    for (const type of [
      'defence.safety_belt_permit',
      'defence.special_area_entry_permit',
      'defence.construction_location_agreement',
    ] as const) {
      expect(FACT_CATALOG[type].authoritativeSources).toEqual(['provincial-military-command']);
      expect(FACT_CATALOG[type].sensitivity).toBe('personal');
    }
  });

  describe.each(Object.entries(SAMPLES))('%s', (type, { good, bad }) => {
    it('accepts good values and returns them', () => {
      for (const value of good) expect(validateFactValue(type, value)).toBe(value);
    });

    it('rejects bad values naming the failing path', () => {
      for (const [value, path] of bad) {
        const error = thrown(() => validateFactValue(type, value));
        expect(error.code).toBe('MOTLAN_FACT_VALUE_INVALID');
        expect(error).toMatchObject({
          httpStatus: 400,
          grpcCode: GrpcCode.INVALID_ARGUMENT,
          canRetry: false,
        });
        expect(error.message).toContain(`Value of ${type} is invalid at ${path}:`);
        expect(error.field).toBe(`value${path.replaceAll('/', '.')}`);
        expect(error.meta).toEqual({ factType: type, path });
      }
    });
  });

  it('rejects a value that is not an object at the root', () => {
    const error = thrown(() => validateFactValue('identity.sex', 'male'));
    expect(error.message).toContain('invalid at /:');
    expect(error.field).toBe('value');
  });

  it('lets the caller name the field the value came from', () => {
    expect(thrown(() => validateFactValue('identity.sex', { sex: 'x' }, 'body.facts.0.value')).field).toBe(
      'body.facts.0.value.sex',
    );
  });

  it('says which values are allowed, without repeating the bad value', () => {
    const error = thrown(() => validateFactValue('identity.blood_group', { group: 'Rh-secret' }));
    expect(error.message).toBe(
      'Value of identity.blood_group is invalid at /group: must be one of "O", "A", "B", "AB"',
    );
    expect(thrown(() => validateFactValue('identity.date_of_birth', { date: '1999-02-30' })).message).toBe(
      'Value of identity.date_of_birth is invalid at /date: must be a calendar date in the form YYYY-MM-DD, YYYY-MM or YYYY',
    );
  });

  it('rejects an unknown type', () => {
    expect(isKnownFactType('identity.shoe_size')).toBe(false);
    expect(isKnownFactType('identity.sex')).toBe(true);
    expect(isKnownFactType('toString')).toBe(false);
    for (const call of [
      () => validateFactValue('identity.shoe_size', { size: 42 }),
      () => factType('identity.shoe_size'),
    ]) {
      const error = thrown(call);
      expect(error.code).toBe('MOTLAN_UNKNOWN_FACT_TYPE');
      expect(error.field).toBe('type');
      expect(error.httpStatus).toBe(400);
      expect(error.message).toContain('identity.shoe_size');
    }
  });

  it('types validated values by their schema', () => {
    const sex: FactValue<'identity.sex'> = validateFactValue('identity.sex', { sex: 'female' });
    expect(sex.sex).toBe('female');
    // @ts-expect-error -- 'x' is not a value of identity.sex
    const wrong: FactValue<'identity.sex'> = { sex: 'x' };
    expect(wrong).toBeDefined();
    const grade: FactValue<'military.health_grade'> = { grade: 2, assessedAt: '2017-03-01' };
    expect(validateFactValue('military.health_grade', grade).grade).toBe(2);
  });
});
