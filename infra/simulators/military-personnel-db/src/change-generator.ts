import { ChangeTicker, wrappedSample } from '@motlan/simulator-kit';
import type { Logger } from '@motlan/logger';
import { createRng, WeightedPicker, type Rng } from '@motlan/simulator-kit/random';
import type { Registry } from 'prom-client';
import {
  canEnlist,
  canRegrade,
  discharge,
  enlist,
  isActive,
  promote,
  regrade,
  transfer,
} from './domain/changes.ts';
import type { LoaiBienDongPhucVu } from './domain/codes.ts';
import { toDmy, vietnamDay } from './domain/dates.ts';
import type { BienDong, HoSoQuanNhan } from './domain/record.ts';
import { QUIRK_EVENT, quirkApplies, withQuirk, type RecordQuirk } from './domain/record-quirks.ts';
import { pickUnit } from './domain/units.ts';
import type { ChangesStore, ChangeTransaction } from './store/changes-store.ts';
import type { PersonnelStore } from './store/personnel-store.ts';
import { validateMilitaryCode } from '@motlan/domain';

export interface ChangeGeneratorDeps {
  personnel: PersonnelStore;
  changes: ChangesStore;
  seed: number;
  logger: Logger;
  registry?: Registry;
  now?: () => number;
}

/** How many records one random probe reads. */
const SAMPLE_SIZE = 64;

const EVENT_TYPES = new WeightedPicker<LoaiBienDongPhucVu>([
  ['NHAP_NGU', 15],
  ['DIEU_DONG', 25],
  ['THANG_CAP_BAC', 25],
  ['XUAT_NGU', 10],
  ['PHAN_LOAI_SUC_KHOE', 25],
]);

/** Who an event may happen to. */
const ELIGIBLE: Readonly<Record<LoaiBienDongPhucVu, (record: HoSoQuanNhan, atMs: number) => boolean>> = {
  NHAP_NGU: canEnlist,
  DIEU_DONG: isActive,
  THANG_CAP_BAC: (record) => isActive(record) && promote(record, '') !== undefined,
  XUAT_NGU: isActive,
  PHAN_LOAI_SUC_KHOE: canRegrade,
};

/**
 * Service life goes on: people are called up, transferred, promoted, discharged and re-graded by
 * the medical board. Each event is one transaction that updates one record and appends it to the
 * change feed. Events run one at a time (ticks and admin requests share a queue). Records seeded
 * malformed are left alone, so the seeded truth stays true.
 */
export class ChangeGenerator {
  private readonly rng: Rng;
  private readonly now: () => number;
  private readonly ticker: ChangeTicker;

  constructor(private readonly deps: ChangeGeneratorDeps) {
    this.rng = createRng(deps.seed ^ 0x0c4a_6e55);
    this.now = deps.now ?? Date.now;
    this.ticker = new ChangeTicker({ logger: deps.logger, registry: deps.registry, metricPrefix: 'mpdb' });
  }

  /** Generates `count` feed entries now (fewer only if no record is eligible for any event). */
  generate(count: number): Promise<BienDong[]> {
    return this.ticker.serial(() => this.generateNow(count));
  }

  /**
   * One record quirk now (see `RECORD_QUIRKS`): the record of `personalId`, or a well-formed one
   * drawn at random that the quirk applies to, changed and appended to the feed as one entry.
   * Undefined when there is no such record (unknown, already malformed, or no rank to misspell).
   */
  quirk(quirk: RecordQuirk, personalId?: string): Promise<BienDong | undefined> {
    return this.ticker.serial(async () => {
      const code = personalId === undefined ? await this.drawFor(quirk) : undefined;
      if (personalId === undefined && code === undefined) return undefined;
      const saved = await this.deps.changes.write(async (tx) => {
        const record =
          personalId === undefined ? await tx.lock(code!) : await tx.lockByPersonalId(personalId);
        if (!record || !quirkApplies(record, quirk)) return;
        await tx.save(withQuirk(record, quirk, new Date(this.now()).toISOString()), QUIRK_EVENT[quirk], true);
      });
      for (const entry of saved) this.ticker.counted(entry.LoaiBienDong);
      return saved[0];
    });
  }

  private async drawFor(quirk: RecordQuirk): Promise<string | undefined> {
    const maxSeq = await this.deps.personnel.maxSeq();
    if (maxSeq === 0) return undefined;
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const candidates = (await this.sample(maxSeq)).filter((record) => quirkApplies(record, quirk));
      if (candidates.length > 0) return this.rng.pick(candidates).MaDinhDanhQuanNhan;
    }
    return undefined;
  }

  /** Every `intervalMs` (ms), one or two changes. */
  start(intervalMs: number): void {
    this.ticker.start(intervalMs, () => this.generate(this.rng.int(1, 2)));
  }

  /** Stops the ticks and waits for a tick in progress. */
  stop(): Promise<void> {
    return this.ticker.stop();
  }

  private async generateNow(count: number): Promise<BienDong[]> {
    const maxSeq = await this.deps.personnel.maxSeq();
    if (maxSeq === 0) return [];
    const entries: BienDong[] = [];
    for (let attempt = 0; entries.length < count && attempt < count * 30; attempt += 1) {
      const type = EVENT_TYPES.pick(this.rng);
      const atMs = this.now();
      const candidates = (await this.sample(maxSeq)).filter((record) => ELIGIBLE[type](record, atMs));
      if (candidates.length === 0) continue;
      const chosen = this.rng.pick(candidates);
      const saved = await this.deps.changes.write((tx) =>
        this.apply(tx, type, chosen.MaDinhDanhQuanNhan, atMs),
      );
      for (const entry of saved) this.ticker.counted(entry.LoaiBienDong);
      entries.push(...saved);
    }
    return entries;
  }

  private async sample(maxSeq: number): Promise<HoSoQuanNhan[]> {
    const start = this.rng.int(1, maxSeq);
    return wrappedSample(start, SAMPLE_SIZE, (from, limit) => this.deps.personnel.sample(from, limit));
  }

  /** Re-reads the record under lock and applies the event if it still may happen. */
  private async apply(
    tx: ChangeTransaction,
    type: LoaiBienDongPhucVu,
    code: string,
    atMs: number,
  ): Promise<void> {
    const record = await tx.lock(code);
    if (!record || !ELIGIBLE[type](record, atMs)) return;
    const at = new Date(atMs).toISOString();
    const today = toDmy(vietnamDay(atMs));
    const issuer = validateMilitaryCode(record.MaDinhDanhQuanNhan).issuingUnit;
    switch (type) {
      case 'NHAP_NGU':
        await tx.save(enlist(record, pickUnit(this.rng, issuer), today, at), type);
        return;
      case 'DIEU_DONG':
        await tx.save(transfer(record, pickUnit(this.rng, issuer, record.DonVi?.MaDonVi), at), type);
        return;
      case 'THANG_CAP_BAC': {
        const promoted = promote(record, at);
        if (promoted) await tx.save(promoted, type);
        return;
      }
      case 'XUAT_NGU':
        await tx.save(discharge(record, today, at), type);
        return;
      case 'PHAN_LOAI_SUC_KHOE': {
        let grade = record.PhanLoaiSucKhoe;
        while (grade === record.PhanLoaiSucKhoe) grade = this.rng.int(1, 6);
        await tx.save(regrade(record, grade, at), type);
        return;
      }
    }
  }
}
