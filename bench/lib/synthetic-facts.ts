/**
 * Valid synthetic citizen facts for the fact-registry benches: personal IDs no simulated citizen
 * has, values that pass the catalog, content hashes that match, published the way adapters do.
 */
import { randomUUID } from 'node:crypto';
import {
  canonicalJson,
  contentHash,
  PROVINCE_CODES,
  personalIdFor,
  validateFactValue,
  type Assurance,
} from '@motlan/domain';
import { EventTypes, Topics, type EventProducer, type TopicDefinition } from '@motlan/kafka';
import type { Fact__Output } from '@motlan/proto';

/**
 * A block of 1,000,000 personal IDs (one province, birth year and sex; serials 0–999,999). Birth
 * years 1900–1925 are valid in an ID (not in the future, which the registry refuses:
 * MOTLAN_PERSONAL_ID_FUTURE_BIRTH_YEAR) but no simulated citizen has them (the simulator's
 * population is aged 0–95), so bench citizens never meet an authoritative fact from the
 * population sync; picking the block at random per run keeps runs apart too (about 3,300 blocks).
 */
export interface CitizenBlock {
  provinceCode: string;
  year: number;
  sex: 'male' | 'female';
}

export const CITIZENS_PER_BLOCK = 1_000_000;

export function freshCitizenBlock(): CitizenBlock {
  const provinces = Object.keys(PROVINCE_CODES);
  return {
    provinceCode: provinces[Math.floor(Math.random() * provinces.length)]!,
    year: 1900 + Math.floor(Math.random() * 26),
    sex: Math.random() < 0.5 ? 'male' : 'female',
  };
}

/** The `serial`-th personal ID of a block. */
export function citizenId(block: CitizenBlock, serial: number): string {
  return personalIdFor({
    provinceCode: block.provinceCode,
    dateOfBirth: `${block.year}-01-01`,
    sex: block.sex,
    serial: serial % CITIZENS_PER_BLOCK,
  });
}

/** The types the facts bench publishes per citizen and reads back (purpose 1.001234 allows these four). */
export const CITIZEN_FACT_TYPES = [
  'identity.full_name',
  'identity.date_of_birth',
  'identity.sex',
  'residence.permanent',
] as const;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Đức', 'Thanh'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Hà', 'Hùng', 'Lan', 'Mai', 'Nam', 'Tú'];

/** A catalog-valid value of `type` for the `n`-th citizen (deterministic, varied). */
export function factValue(type: string, n: number, year = 1910): unknown {
  switch (type) {
    case 'identity.full_name': {
      const family = FAMILY[n % FAMILY.length]!;
      const middle = MIDDLE[Math.floor(n / 8) % MIDDLE.length]!;
      const given = GIVEN[Math.floor(n / 48) % GIVEN.length]!;
      return { family, middle, given, full: `${family} ${middle} ${given}` };
    }
    case 'identity.date_of_birth':
      return {
        date: `${year}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
      };
    case 'identity.sex':
      return { sex: n % 2 === 0 ? 'male' : 'female' };
    case 'residence.permanent':
    case 'residence.current':
      return {
        provinceCode: '01',
        wardCode: String(10_000 + (n % 80_000)).padStart(5, '0'),
        detail: `Số ${1 + (n % 300)} phố Bench`,
        unitsVersion: 'current-2025',
      };
    default:
      throw new TypeError(`no synthetic value for ${type}`);
  }
}

/** A whole fact as an adapter publishes it (authoritative unless said otherwise), checked against the catalog. */
export function syntheticFact(
  personalId: string,
  type: string,
  value: unknown,
  options: { assurance?: Assurance; sourceSystem?: string; observedAt?: string } = {},
): Fact__Output {
  validateFactValue(type, value);
  return {
    id: randomUUID(),
    subject: { personalId },
    type,
    valueJson: canonicalJson(value),
    provenance: {
      sourceSystem: options.sourceSystem ?? 'national-population-db',
      assurance: options.assurance ?? 'ASSURANCE_AUTHORITATIVE',
      sourceRecordRef: `NPDB/${personalId}`,
      sourceRecordVersion: '1',
      observedAt: options.observedAt ?? new Date().toISOString(),
      validFrom: '',
      validUntil: '',
      dossierId: '',
      contentHash: contentHash(value),
    },
  };
}

/** One fact of each of `types` for the `n`-th citizen of a block. */
export function citizenFacts(
  block: CitizenBlock,
  n: number,
  types: readonly string[] = CITIZEN_FACT_TYPES,
): Fact__Output[] {
  const personalId = citizenId(block, n);
  return types.map((type) => syntheticFact(personalId, type, factValue(type, n, block.year)));
}

/**
 * Publishes facts to citizen.facts.v1 (or `topic`) as the adapters do (`EventProducer`, keyed by personal ID,
 * full envelope), `chunk` per publish and `inFlight` publishes at once; `onProgress` after each.
 */
export async function publishFacts(
  producer: EventProducer,
  facts: Iterable<Fact__Output>,
  options: {
    chunk?: number;
    inFlight?: number;
    onProgress?: (published: number) => void;
    /** citizen.facts.v1 unless said otherwise (e.g. under a registry's topic prefix). */
    topic?: TopicDefinition<Fact__Output>;
  } = {},
): Promise<number> {
  const chunk = options.chunk ?? 500;
  const iterator = facts[Symbol.iterator]();
  let published = 0;
  const nextChunk = (): Fact__Output[] => {
    const batch: Fact__Output[] = [];
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      batch.push(next.value);
      if (batch.length >= chunk) break;
    }
    return batch;
  };
  const sender = async (): Promise<void> => {
    for (let batch = nextChunk(); batch.length > 0; batch = nextChunk()) {
      await producer.publish(
        options.topic ?? Topics.citizenFacts,
        batch.map((fact) => ({
          key: fact.subject!.personalId,
          value: fact,
          eventId: fact.id,
          eventType: EventTypes.factRecorded,
        })),
      );
      published += batch.length;
      options.onProgress?.(published);
    }
  };
  await Promise.all(Array.from({ length: options.inFlight ?? 4 }, sender));
  return published;
}
