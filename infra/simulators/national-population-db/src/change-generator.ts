import { ChangeTicker, wrappedSample } from '@motlan/simulator-kit';
import type { Logger } from '@motlan/logger';
import type { Registry } from 'prom-client';
import { MotlanError } from '@motlan/errors';
import { SimulatorErrors } from './errors.ts';
import type { AdminUnits } from './domain/admin-units.ts';
import {
  canMarryAt,
  canMarryEachOther,
  correctRecordName,
  isAlive,
  marry,
  mortalityWeight,
  moveTo,
  ownHousehold,
  registerDeath,
} from './domain/changes.ts';
import { GioiTinh, type LifeEvent } from './domain/codes.ts';
import { ageAt, vietnamDay } from './domain/dates.ts';
import { correctName } from './domain/names.ts';
import { createRng, WeightedPicker, type Rng } from '@motlan/simulator-kit/random';
import { abroadBornCitizen, DEFAULT_ABROAD_COUNTRY_CODE } from './domain/born-abroad.ts';
import { withQuirk, type QuirkInputs, type RecordQuirk } from './domain/record-quirks.ts';
import type { ChangeEntry, CitizenRecord } from './domain/record.ts';
import { addressDetail } from './domain/regions.ts';
import type { ChangesStore, ChangeTransaction } from './store/changes-store.ts';
import type { CitizensStore, StoredCitizen } from './store/citizens-store.ts';

export interface ChangeGeneratorDeps {
  citizens: CitizensStore;
  changes: ChangesStore;
  adminUnits: () => AdminUnits;
  seed: number;
  logger: Logger;
  registry?: Registry;
  now?: () => number;
}

/** Which citizen a record quirk changes, and the choices some quirks take. */
export interface QuirkOptions {
  /** The citizen to change; a living one drawn at random when absent. Not for `born-abroad`. */
  personalId?: string;
  /** `legacy-address`: the legacy (pre-2025) province, 2 digits; drawn at random when absent. */
  provinceCode?: string;
  /** `born-abroad`: the country code (100–999) in the new ID; `232` when absent. */
  countryCode?: string;
}

/** How many citizens one random probe reads. */
const SAMPLE_SIZE = 64;

const EVENT_TYPES = new WeightedPicker<LifeEvent>([
  ['CHUYEN_NOI_O', 35],
  ['KET_HON', 20],
  ['KHAI_TU', 15],
  ['CAI_CHINH_HO_TEN', 30],
]);

/**
 * Life goes on in the simulated population: people move, marry, die and get their names
 * corrected. Each event is one transaction that updates the records and appends them to the
 * change feed. Events run one at a time (ticks and admin requests share a queue).
 */
export class ChangeGenerator {
  private readonly rng: Rng;
  private readonly now: () => number;
  private readonly ticker: ChangeTicker;

  constructor(private readonly deps: ChangeGeneratorDeps) {
    // A stream of its own, so changes never disturb the seeded population's sequence.
    this.rng = createRng(deps.seed ^ 0x5eed_c4a6);
    this.now = deps.now ?? Date.now;
    this.ticker = new ChangeTicker({ logger: deps.logger, registry: deps.registry, metricPrefix: 'npdb' });
  }

  /** Generates `count` feed entries now (fewer only if the population is empty or exhausted). */
  generate(count: number): Promise<ChangeEntry[]> {
    return this.ticker.serial(() => this.generateNow(count));
  }

  /**
   * One record quirk now (see `RECORD_QUIRKS`), as a `DIEU_CHINH` entry (two for
   * `out-of-order-version`: the newer version, then the older one): on the citizen given, or on a
   * living citizen drawn at random; `born-abroad` adds a new citizen instead (settled where a
   * living citizen drawn at random lives). Resolves with the first entry; undefined when the
   * given citizen does not exist (or, for `born-abroad`, the population is empty).
   */
  quirk(quirk: RecordQuirk, options: QuirkOptions = {}): Promise<ChangeEntry | undefined> {
    return this.ticker.serial(async () => {
      const maxSeq = await this.deps.citizens.maxSeq();
      const drawn = options.personalId === undefined || quirk === 'born-abroad';
      const sample = drawn && maxSeq > 0 ? await this.sample(maxSeq) : [];
      const alive = sample.filter((person) => isAlive(person.record));
      const chosen = drawn
        ? alive.length > 0
          ? this.rng.pick(alive).record.SoDinhDanh
          : undefined
        : options.personalId;
      if (chosen === undefined) return undefined;
      const saved = await this.deps.changes.write(async (tx) => {
        const person = (await tx.lock([chosen])).get(chosen);
        if (!person) return;
        if (quirk === 'born-abroad') {
          await this.addBornAbroad(tx, person.record, options.countryCode ?? DEFAULT_ABROAD_COUNTRY_CODE);
          return;
        }
        await tx.save(
          withQuirk(person.record, quirk, this.stamp().at, this.quirkInputs(quirk, options)),
          'DIEU_CHINH',
        );
        if (quirk === 'out-of-order-version') await tx.appendOnly(person.record, 'DIEU_CHINH');
      });
      for (const entry of saved) this.ticker.counted(entry.LoaiThayDoi);
      return saved[0];
    });
  }

  /**
   * One life event of the named citizen now, for demos and tests that need a given person to
   * change (e.g. a man the military personnel database holds): `CHUYEN_NOI_O` moves him to a
   * post-2025 address in another commune — the whole living household with him when he heads it
   * (one entry each, him first), else he splits off into a household of his own;
   * `KHAI_TU` registers his death today; `CAI_CHINH_HO_TEN` corrects his name. Resolves with the
   * feed entries; undefined when the simulator holds no such citizen. A deceased citizen changes
   * no more: `NPDB_SIM_CHANGE_NOT_APPLICABLE` (409), nothing written.
   */
  targeted(type: LifeEvent, personalId: string): Promise<ChangeEntry[] | undefined> {
    return this.ticker.serial(async () => {
      let found = false;
      const saved = await this.deps.changes.write(async (tx) => {
        const person = (await tx.lock([personalId])).get(personalId);
        if (!person) return;
        found = true;
        if (!isAlive(person.record)) {
          throw new MotlanError(
            SimulatorErrors.changeNotApplicable,
            'This citizen is deceased: the record changes no more',
            { field: 'body.personalId' },
          );
        }
        await this.applyTo(tx, type, person);
      });
      for (const entry of saved) this.ticker.counted(entry.LoaiThayDoi);
      if (!found) return undefined;
      // The person named first: the caller asked about him.
      return [
        ...saved.filter((entry) => entry.SoDinhDanh === personalId),
        ...saved.filter((entry) => entry.SoDinhDanh !== personalId),
      ];
    });
  }

  private async applyTo(tx: ChangeTransaction, type: LifeEvent, person: StoredCitizen): Promise<void> {
    const { at } = this.stamp();
    const record = person.record;
    switch (type) {
      case 'CHUYEN_NOI_O': {
        const address = this.addressElsewhere(record);
        if (record.ChuHo.SoDinhDanh !== record.SoDinhDanh) {
          const maHo = await tx.newHousehold(record.SoDinhDanh, at);
          await tx.save(moveTo(record, address, at, ownHousehold(record)), 'CHUYEN_NOI_O', maHo);
          return;
        }
        const members = (await tx.lockHousehold(person.maHo)).filter((member) => isAlive(member.record));
        for (const member of members) await tx.save(moveTo(member.record, address, at), 'CHUYEN_NOI_O');
        return;
      }
      case 'KHAI_TU':
        await tx.save(registerDeath(record, vietnamDay(this.now()), at), 'KHAI_TU');
        return;
      case 'CAI_CHINH_HO_TEN':
        await tx.save(
          correctRecordName(record, correctName(this.rng, record.HoVaTen, record.GioiTinh), at),
          'CAI_CHINH_HO_TEN',
        );
        return;
      case 'KET_HON':
        // A marriage needs a partner: not a change of one citizen (the route does not offer it).
        throw new MotlanError(SimulatorErrors.changeNotApplicable, 'KET_HON needs two citizens', {
          field: 'body.type',
        });
    }
  }

  /** A new address whose commune differs from the permanent residence's (the point of a move). */
  private addressElsewhere(from: CitizenRecord) {
    for (let attempt = 0; ; attempt += 1) {
      const address = this.newAddress(from);
      if (address.MaXa !== from.ThuongTru.MaXa || attempt >= 20) return address;
    }
  }

  /** True when `code` is a legacy province whose addresses the simulator can draw. */
  isLegacyProvince(code: string): boolean {
    return this.deps.adminUnits().hasLegacyProvince(code);
  }

  private quirkInputs(quirk: RecordQuirk, options: QuirkOptions): QuirkInputs {
    if (quirk !== 'legacy-address') return {};
    const units = this.deps.adminUnits();
    const province = options.provinceCode ?? units.pickLegacyProvince(this.rng);
    return {
      legacyAddress: units.legacyAddress(this.rng, province, (urban) =>
        addressDetail(this.rng, province, urban),
      ),
    };
  }

  /** A new citizen born abroad, with an unused ID, heading a household of their own. */
  private async addBornAbroad(tx: ChangeTransaction, settlesWith: CitizenRecord, countryCode: string) {
    const { at } = this.stamp();
    for (;;) {
      const record = abroadBornCitizen(this.rng, { countryCode, settlesWith, at });
      if ((await tx.lock([record.SoDinhDanh])).size > 0) continue;
      const maHo = await tx.newHousehold(record.SoDinhDanh, at);
      await tx.add(record, 'DIEU_CHINH', maHo);
      return;
    }
  }

  /** Every `intervalMs` (ms), a few changes (1–3 entries). */
  start(intervalMs: number): void {
    this.ticker.start(intervalMs, () => this.generate(this.rng.int(1, 3)));
  }

  /** Stops the ticks and waits for a tick in progress. */
  stop(): Promise<void> {
    return this.ticker.stop();
  }

  private async generateNow(count: number): Promise<ChangeEntry[]> {
    const maxSeq = await this.deps.citizens.maxSeq();
    if (maxSeq === 0) return [];
    const entries: ChangeEntry[] = [];
    for (let attempt = 0; entries.length < count && attempt < count * 20; attempt += 1) {
      const remaining = count - entries.length;
      let type = EVENT_TYPES.pick(this.rng);
      if (type === 'KET_HON' && remaining < 2) type = 'CAI_CHINH_HO_TEN';
      const sample = await this.sample(maxSeq);
      const saved = await this.deps.changes.write((tx) => this.apply(tx, type, sample, remaining));
      for (const entry of saved) this.ticker.counted(entry.LoaiThayDoi);
      entries.push(...saved);
    }
    return entries;
  }

  private async sample(maxSeq: number): Promise<StoredCitizen[]> {
    const start = this.rng.int(1, maxSeq);
    return wrappedSample(start, SAMPLE_SIZE, (from, limit) => this.deps.citizens.sample(from, limit));
  }

  private apply(
    tx: ChangeTransaction,
    type: LifeEvent,
    sample: StoredCitizen[],
    budget: number,
  ): Promise<void> {
    switch (type) {
      case 'CHUYEN_NOI_O':
        return this.move(tx, sample, budget);
      case 'KET_HON':
        return this.marry(tx, sample);
      case 'KHAI_TU':
        return this.die(tx, sample);
      case 'CAI_CHINH_HO_TEN':
        return this.correctName(tx, sample);
    }
  }

  private stamp(): { at: string; atMs: number } {
    const atMs = this.now();
    return { at: new Date(atMs).toISOString(), atMs };
  }

  /** Re-reads one sampled person under lock; undefined if they changed in a way that rules them out. */
  private async relock(
    tx: ChangeTransaction,
    person: StoredCitizen,
    still: (record: CitizenRecord) => boolean,
  ): Promise<StoredCitizen | undefined> {
    const current = (await tx.lock([person.record.SoDinhDanh])).get(person.record.SoDinhDanh);
    return current && still(current.record) ? current : undefined;
  }

  /**
   * A household moves to a post-2025 address (every living member), or, when that would be too
   * many entries or by chance, one adult member splits off (tách hộ) into a household of their own.
   */
  private async move(tx: ChangeTransaction, sample: StoredCitizen[], budget: number): Promise<void> {
    const alive = sample.filter((person) => isAlive(person.record));
    if (alive.length === 0) return;
    const { at, atMs } = this.stamp();
    const chosen = this.rng.pick(alive);
    const members = (await tx.lockHousehold(chosen.maHo)).filter((member) => isAlive(member.record));
    const address = this.newAddress(chosen.record);
    const splitters = members.filter(
      (member) =>
        member.record.ChuHo.SoDinhDanh !== member.record.SoDinhDanh &&
        ageAt(member.record.NgayThangNamSinh, atMs) >= 18,
    );
    if (members.length > 0 && members.length <= budget && (splitters.length === 0 || this.rng.chance(0.6))) {
      for (const member of members) await tx.save(moveTo(member.record, address, at), 'CHUYEN_NOI_O');
      return;
    }
    if (splitters.length === 0) return;
    const mover = this.rng.pick(splitters);
    const maHo = await tx.newHousehold(mover.record.SoDinhDanh, at);
    await tx.save(moveTo(mover.record, address, at, ownHousehold(mover.record)), 'CHUYEN_NOI_O', maHo);
  }

  private newAddress(from: CitizenRecord) {
    const units = this.deps.adminUnits();
    const province = this.rng.chance(0.5)
      ? units.currentProvinceOf(from.ThuongTru.MaTinh)
      : units.pickCurrentProvince(this.rng);
    return units.currentAddress(this.rng, province, (urban) => addressDetail(this.rng, province, urban));
  }

  private async marry(tx: ChangeTransaction, sample: StoredCitizen[]): Promise<void> {
    const { at, atMs } = this.stamp();
    const free = sample.filter((person) => canMarryAt(person.record, atMs));
    const men = free.filter((person) => person.record.GioiTinh === GioiTinh.nam);
    const women = free.filter((person) => person.record.GioiTinh === GioiTinh.nu);
    for (const man of men) {
      const woman = women.find(
        (candidate) => candidate.maHo !== man.maHo && canMarryEachOther(man.record, candidate.record, atMs),
      );
      if (!woman) continue;
      const locked = await tx.lock([man.record.SoDinhDanh, woman.record.SoDinhDanh]);
      const husband = locked.get(man.record.SoDinhDanh)?.record;
      const wife = locked.get(woman.record.SoDinhDanh)?.record;
      if (!husband || !wife || !canMarryEachOther(husband, wife, atMs)) return;
      const [a, b] = marry(husband, wife, at);
      await tx.save(a, 'KET_HON');
      await tx.save(b, 'KET_HON');
      return;
    }
  }

  private async die(tx: ChangeTransaction, sample: StoredCitizen[]): Promise<void> {
    const { at, atMs } = this.stamp();
    const alive = sample.filter((person) => isAlive(person.record));
    if (alive.length === 0) return;
    const picker = new WeightedPicker(
      alive.map((person) => [person, mortalityWeight(person.record, atMs)] as const),
    );
    const person = await this.relock(tx, picker.pick(this.rng), isAlive);
    if (person) await tx.save(registerDeath(person.record, vietnamDay(atMs), at), 'KHAI_TU');
  }

  private async correctName(tx: ChangeTransaction, sample: StoredCitizen[]): Promise<void> {
    const { at } = this.stamp();
    const alive = sample.filter((person) => isAlive(person.record));
    if (alive.length === 0) return;
    const person = await this.relock(tx, this.rng.pick(alive), isAlive);
    if (!person) return;
    const name = correctName(this.rng, person.record.HoVaTen, person.record.GioiTinh);
    await tx.save(correctRecordName(person.record, name, at), 'CAI_CHINH_HO_TEN');
  }
}
