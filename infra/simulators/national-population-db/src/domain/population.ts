import type { AdminUnits } from './admin-units.ts';
import { GioiTinh, TinhTrangHonNhan, TrangThai, type QuanHe } from './codes.ts';
import { addDays, ageAt, fromYmd, REFORM_DATE, SNAPSHOT_DATE, toYmd, yearOf } from './dates.ts';
import { composeName, pickFamilyName } from './names.ts';
import { buildPersonalId } from './personal-id.ts';
import { createRng, WeightedPicker, type Rng } from '@motlan/simulator-kit/random';
import type { Address, CitizenRecord, HoVaTen } from './record.ts';
import { fullName, refTo } from './record.ts';
import { addressDetail, pickBloodGroup, pickEthnicity, pickReligion } from './regions.ts';

/**
 * The synthetic population, one household at a time, fully determined by the seed. Every
 * family link (Cha, Me, VoChong, ChuHo) points at a member of the same household, so any
 * prefix of whole households is self-consistent.
 */
export interface GeneratedHousehold {
  id: number;
  headId: string;
  members: CitizenRecord[];
}

type Kind = 'single' | 'couple' | 'nuclear' | 'single-parent' | 'with-parents' | 'with-grandchildren';

const KINDS = new WeightedPicker<Kind>([
  ['single', 11],
  ['couple', 12],
  ['nuclear', 45],
  ['single-parent', 8],
  ['with-parents', 14],
  ['with-grandchildren', 10],
]);

/** Share of the population by single year of age 0..95 (2019 census pyramid, 5-year bands). */
const BAND_WEIGHTS = [8, 8.5, 7.6, 6.9, 7, 8, 8.3, 7.8, 7.2, 6.6, 6, 5.2, 4.3, 3.2, 2, 1.3, 1, 0.6, 0.3, 0.3];
const AGES = new WeightedPicker(
  Array.from({ length: 96 }, (_, age) => [age, BAND_WEIGHTS[Math.floor(age / 5)]!] as const),
);

const KID_COUNTS = new WeightedPicker([
  [1, 30],
  [2, 45],
  [3, 18],
  [4, 7],
] as const);

const ID_CARD_ERA = Date.UTC(2021, 6, 1);

interface Draft {
  sex: GioiTinh;
  dob: string;
  relation: QuanHe;
  family?: string;
  father?: Draft;
  mother?: Draft;
  spouse?: Draft;
  marital: TinhTrangHonNhan;
  record?: CitizenRecord;
}

interface HouseholdContext {
  province: string;
  thuongTru: Address;
  danToc: string;
  tonGiao: string;
}

export interface PopulationGeneratorSettings {
  seed: number;
  adminUnits: AdminUnits;
}

export class PopulationGenerator {
  private readonly rng: Rng;
  private readonly units: AdminUnits;
  private readonly issued = new Set<string>();
  private readonly names = new WeakMap<Draft, HoVaTen>();
  private nextHouseholdId = 1;

  constructor(settings: PopulationGeneratorSettings) {
    this.rng = createRng(settings.seed);
    this.units = settings.adminUnits;
  }

  /** Generates exactly `people` people, in whole households, in order. */
  *people(people: number): Generator<GeneratedHousehold> {
    let remaining = people;
    while (remaining > 0) {
      const household = this.nextHousehold(remaining);
      remaining -= household.members.length;
      yield household;
    }
  }

  /** The next household, with at most `maxMembers` members. */
  nextHousehold(maxMembers = Number.POSITIVE_INFINITY): GeneratedHousehold {
    const kind: Kind = maxMembers < 2 ? 'single' : KINDS.pick(this.rng);
    let drafts = this.draft(kind);
    while (drafts.length > maxMembers) drafts = this.draft('single');
    return this.materialise(drafts);
  }

  // ---------------------------------------------------------------- structure

  private draft(kind: Kind): Draft[] {
    switch (kind) {
      case 'single':
        return [this.single()];
      case 'couple':
        return this.couple(this.age(22, 90), []);
      case 'nuclear':
        return this.withChildren(this.couple(this.age(22, 65), []), KID_COUNTS.pick(this.rng), 30);
      case 'single-parent':
        return this.singleParent();
      case 'with-parents':
        return this.withParents();
      case 'with-grandchildren':
        return this.withGrandchildren();
    }
  }

  private age(min: number, max: number): number {
    for (;;) {
      const age = AGES.pick(this.rng);
      if (age >= min && age <= max) return age;
    }
  }

  /** A birth date at which the person is exactly `age` on the snapshot date. */
  private dob(age: number): string {
    const snapshot = new Date(SNAPSHOT_DATE);
    const year = snapshot.getUTCFullYear() - age;
    const offset = this.rng.int(0, 364);
    let birth = addDays(Date.UTC(year, 0, 1), offset);
    if (birth > Date.UTC(year, snapshot.getUTCMonth(), snapshot.getUTCDate())) {
      birth = addDays(Date.UTC(year - 1, 0, 1), offset);
    }
    return toYmd(birth);
  }

  private person(sex: GioiTinh, age: number, relation: QuanHe, marital: TinhTrangHonNhan): Draft {
    return { sex, dob: this.dob(Math.min(95, Math.max(0, age))), relation, marital };
  }

  private single(): Draft {
    const age = this.age(18, 95);
    const sex = this.rng.chance(0.5) ? GioiTinh.nam : GioiTinh.nu;
    let marital: TinhTrangHonNhan = TinhTrangHonNhan.docThan;
    if (age >= 30) {
      const roll = this.rng.next();
      if (roll < 0.35) marital = TinhTrangHonNhan.lyHon;
      else if (roll < 0.35 + (age >= 50 ? 0.5 : 0.1)) marital = TinhTrangHonNhan.goa;
    }
    return this.person(sex, age, 'Chủ hộ', marital);
  }

  /** Head and spouse (the head is the husband three times out of four). */
  private couple(headAge: number, others: Draft[]): Draft[] {
    const headIsMan = this.rng.chance(0.75);
    const gap = this.rng.int(-2, 8);
    const husbandAge = Math.max(20, headIsMan ? headAge : headAge + gap);
    const wifeAge = Math.max(18, headIsMan ? headAge - gap : headAge);
    const husband = this.person(
      GioiTinh.nam,
      husbandAge,
      headIsMan ? 'Chủ hộ' : 'Chồng',
      TinhTrangHonNhan.daKetHon,
    );
    const wife = this.person(
      GioiTinh.nu,
      Math.min(95, wifeAge),
      headIsMan ? 'Vợ' : 'Chủ hộ',
      TinhTrangHonNhan.daKetHon,
    );
    husband.spouse = wife;
    wife.spouse = husband;
    return headIsMan ? [husband, wife, ...others] : [wife, husband, ...others];
  }

  /** Adds up to `count` unmarried children of the household's couple (or lone parent). */
  private withChildren(
    members: Draft[],
    count: number,
    maxChildAge: number,
    relation: QuanHe = 'Con',
  ): Draft[] {
    const father = members.find((m) => m.sex === GioiTinh.nam && m.relation !== 'Cha');
    const mother = members.find((m) => m.sex === GioiTinh.nu && m.relation !== 'Mẹ');
    const parent = mother ?? father;
    if (!parent) return members;
    const parentAge = ageAt(parent.dob, SNAPSHOT_DATE);
    const family = father ? undefined : pickFamilyName(this.rng);
    for (let i = 0; i < count; i += 1) {
      const lowest = Math.max(18, parentAge - maxChildAge);
      const highest = Math.min(mother ? 42 : 55, parentAge);
      if (highest < lowest) break;
      const childAge = parentAge - this.rng.int(lowest, highest);
      if (father && father !== parent && childAge > ageAt(father.dob, SNAPSHOT_DATE) - 18) continue;
      const child = this.person(
        this.rng.chance(0.51) ? GioiTinh.nam : GioiTinh.nu,
        childAge,
        relation,
        TinhTrangHonNhan.docThan,
      );
      if (father) child.father = father;
      if (mother) child.mother = mother;
      if (family) child.family = family;
      members.push(child);
    }
    return members;
  }

  private singleParent(): Draft[] {
    const isMother = this.rng.chance(0.75);
    const age = this.age(24, 60);
    const roll = this.rng.next();
    const marital =
      roll < 0.5 ? TinhTrangHonNhan.lyHon : roll < 0.75 ? TinhTrangHonNhan.goa : TinhTrangHonNhan.docThan;
    const parent = this.person(isMother ? GioiTinh.nu : GioiTinh.nam, age, 'Chủ hộ', marital);
    return this.withChildren([parent], this.rng.int(1, 3), 30);
  }

  private withParents(): Draft[] {
    const headAge = this.age(25, 55);
    const roll = this.rng.next();
    const fatherAge = headAge + this.rng.int(22, 38);
    const motherAge = headAge + this.rng.int(20, 35);
    const hasFather = roll < 0.55 || roll >= 0.85;
    const hasMother = roll < 0.85;
    const elders: Draft[] = [];
    let father: Draft | undefined;
    let mother: Draft | undefined;
    if (hasFather && fatherAge <= 95) {
      father = this.person(GioiTinh.nam, fatherAge, 'Cha', TinhTrangHonNhan.goa);
      elders.push(father);
    }
    if (hasMother && motherAge <= 95) {
      mother = this.person(GioiTinh.nu, motherAge, 'Mẹ', TinhTrangHonNhan.goa);
      elders.push(mother);
    }
    if (father && mother) {
      father.marital = mother.marital = TinhTrangHonNhan.daKetHon;
      father.spouse = mother;
      mother.spouse = father;
    }
    const core = this.rng.chance(0.75)
      ? this.couple(headAge, [])
      : [
          this.person(
            this.rng.chance(0.6) ? GioiTinh.nam : GioiTinh.nu,
            headAge,
            'Chủ hộ',
            TinhTrangHonNhan.docThan,
          ),
        ];
    const head = core[0]!;
    if (father) head.father = father;
    if (mother) head.mother = mother;
    if (!father) head.family = pickFamilyName(this.rng);
    const members = core.length > 1 ? this.withChildren(core, this.rng.int(0, 3), 25) : core;
    return [...members.slice(0, 1), ...elders, ...members.slice(1)];
  }

  private withGrandchildren(): Draft[] {
    const headAge = this.age(45, 80);
    const core = this.rng.chance(0.75)
      ? this.couple(headAge, [])
      : [
          this.person(
            this.rng.chance(0.65) ? GioiTinh.nam : GioiTinh.nu,
            headAge,
            'Chủ hộ',
            TinhTrangHonNhan.goa,
          ),
        ];
    const mother = core.find((m) => m.sex === GioiTinh.nu);
    const father = core.find((m) => m.sex === GioiTinh.nam);
    const parentAge = ageAt((mother ?? father)!.dob, SNAPSHOT_DATE);
    const daughterAge = parentAge - this.rng.int(20, Math.min(mother ? 40 : 50, parentAge - 18));
    if (daughterAge < 20) return this.withChildren(core, this.rng.int(1, 3), 30);
    const daughter = this.person(
      GioiTinh.nu,
      daughterAge,
      'Con',
      this.rng.chance(0.6) ? TinhTrangHonNhan.lyHon : TinhTrangHonNhan.docThan,
    );
    if (father) daughter.father = father;
    if (mother) daughter.mother = mother;
    if (!father) daughter.family = pickFamilyName(this.rng);
    const grandchildren = this.withChildren([daughter], this.rng.int(1, 2), 25, 'Cháu').slice(1);
    return [...core, daughter, ...grandchildren];
  }

  // ---------------------------------------------------------------- records

  private materialise(drafts: Draft[]): GeneratedHousehold {
    const head = drafts[0]!;
    const id = this.nextHouseholdId;
    this.nextHouseholdId += 1;
    const province = this.units.pickLegacyProvince(this.rng);
    const detail = (urban: boolean) => addressDetail(this.rng, province, urban);
    let thuongTru = this.units.legacyAddress(this.rng, province, detail);
    // Households registered since the reorganisation carry the new two-level codes.
    if (this.rng.chance(0.15)) thuongTru = this.units.toCurrent(thuongTru);
    const context: HouseholdContext = {
      province,
      thuongTru,
      danToc: pickEthnicity(this.rng, province),
      tonGiao: pickReligion(this.rng),
    };
    // Names first (children take their father's family name), then records, parents before children.
    for (const draft of drafts) this.name(draft);
    const ordered = [...drafts].sort((a, b) => (a.dob < b.dob ? -1 : a.dob > b.dob ? 1 : 0));
    for (const draft of ordered) draft.record = this.record(draft, context);
    for (const draft of drafts) this.link(draft, head);
    return { id, headId: head.record!.SoDinhDanh, members: drafts.map((draft) => draft.record!) };
  }

  private name(draft: Draft): HoVaTen {
    const known = this.names.get(draft);
    if (known) return known;
    const family = draft.family ?? (draft.father ? this.name(draft.father).Ho : undefined);
    const name = composeName(this.rng, draft.sex, yearOf(draft.dob), family);
    this.names.set(draft, name);
    return name;
  }

  private record(draft: Draft, context: HouseholdContext): CitizenRecord {
    const bornAfterReform = fromYmd(draft.dob) >= REFORM_DATE;
    const isChild = draft.relation === 'Con' || draft.relation === 'Cháu';
    const birthProvince = this.rng.chance(isChild ? 0.9 : 0.65)
      ? context.province
      : this.units.pickLegacyProvince(this.rng);
    const noDetail = () => '';
    const noiDangKyKhaiSinh = bornAfterReform
      ? this.units.currentAddress(this.rng, this.units.currentProvinceOf(birthProvince), noDetail)
      : this.units.legacyAddress(this.rng, birthProvince, noDetail);

    const lineage = draft.father?.record ?? draft.mother?.record;
    let queQuan: Address;
    if (lineage) queQuan = lineage.QueQuan;
    else {
      const origin = this.rng.chance(0.6) ? birthProvince : this.units.pickLegacyProvince(this.rng);
      queQuan = this.units.legacyAddress(this.rng, origin, noDetail);
    }
    if (bornAfterReform) queQuan = this.units.toCurrent(queQuan);

    const age = ageAt(draft.dob, SNAPSHOT_DATE);
    let noiOHienTai = context.thuongTru;
    if (age >= 18 && age <= 40 && this.rng.chance(0.12)) {
      const destination = this.units.pickDestinationProvince(this.rng);
      const detail = (urban: boolean) => addressDetail(this.rng, destination, urban);
      noiOHienTai = this.units.legacyAddress(this.rng, destination, detail);
      if (this.rng.chance(0.5)) noiOHienTai = this.units.toCurrent(noiOHienTai);
    }

    const danToc =
      lineage?.DanToc ?? (this.rng.chance(0.9) ? context.danToc : pickEthnicity(this.rng, context.province));
    const tonGiao = this.rng.chance(0.88) ? context.tonGiao : pickReligion(this.rng);

    const sinceMs = Math.max(ID_CARD_ERA, Date.UTC(yearOf(draft.dob), 0, 1));
    const updatedAt = sinceMs + Math.floor(this.rng.next() * Math.max(1, SNAPSHOT_DATE - sinceMs));

    const birthProvinceForId = noiDangKyKhaiSinh.MaTinh;
    const name = this.name(draft);
    return {
      SoDinhDanh: this.issueId(birthProvinceForId, draft.sex, draft.dob),
      HoVaTen: name,
      GioiTinh: draft.sex,
      NgayThangNamSinh: draft.dob,
      DanToc: danToc,
      TonGiao: tonGiao,
      TinhTrangHonNhan: draft.marital,
      NhomMau: pickBloodGroup(this.rng),
      NoiDangKyKhaiSinh: noiDangKyKhaiSinh,
      QueQuan: queQuan,
      ThuongTru: context.thuongTru,
      NoiOHienTai: noiOHienTai,
      Cha: null,
      Me: null,
      VoChong: null,
      ChuHo: { SoDinhDanh: '', HoVaTen: fullName(name), QuanHe: draft.relation },
      TrangThai: TrangThai.song,
      NgayMat: null,
      PhienBan: 1,
      CapNhatLuc: new Date(updatedAt).toISOString(),
    };
  }

  private link(draft: Draft, head: Draft): void {
    const record = draft.record!;
    if (draft.father) record.Cha = refTo(draft.father.record!);
    if (draft.mother) record.Me = refTo(draft.mother.record!);
    if (draft.spouse) record.VoChong = refTo(draft.spouse.record!);
    record.ChuHo = { ...refTo(head.record!), QuanHe: draft.relation };
  }

  /** A unique ID whose prefix, century/sex digit and year agree with the person. */
  private issueId(provinceCode: string, sex: GioiTinh, dob: string): string {
    for (;;) {
      const id = buildPersonalId(provinceCode, sex, dob, this.rng.int(0, 999_999));
      if (!this.issued.has(id)) {
        this.issued.add(id);
        return id;
      }
    }
  }
}
