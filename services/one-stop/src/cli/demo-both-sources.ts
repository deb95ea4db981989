import { CommonErrors, MotlanError } from '@motlan/errors';
import { requestJson } from './https-json.ts';

/**
 * The demo's third step: what the fact registry holds about one citizen with a personnel record —
 * the identity facts as the national population database and as the military personnel database
 * recorded them, side by side, and whether the registry flags the pair as disagreeing
 * (`conflicted`: both kept, the authoritative one current; services/fact-registry/README.md).
 */

/** The two sources compared, by their source-system names. */
export const POPULATION_SOURCE = 'national-population-db';
export const PERSONNEL_SOURCE = 'military-personnel-db';
/** Identity facts both registries hold (the personnel database's are `verified`). */
export const IDENTITY_TYPES = ['identity.full_name', 'identity.date_of_birth'] as const;
/**
 * The purpose the read is made for: the first military-service registration, for which the
 * access policy lets the commune military command read identity and the military person code.
 */
export const BOTH_SOURCES_PURPOSE = '1.004227';

export interface SourceValue {
  sourceSystem: string;
  assurance: string;
  value: unknown;
  /** Whether this is the fact the registry serves as current. */
  current: boolean;
}

export interface BothSources {
  personalId: string;
  /** The personnel record's military person code, as the registry serves it. */
  militaryCode: string;
  facts: { type: string; conflicted: boolean; population: SourceValue; personnel: SourceValue }[];
}

export interface RegistryAccess {
  /** The fact registry's REST base URL (https). */
  url: string;
  ca?: Buffer;
  /** A client certificate the access policy grants identity and `military.person_code` for the purpose. */
  cert: Buffer;
  key: Buffer;
}

interface RestFact {
  type: string;
  value: unknown;
  provenance: { sourceSystem: string; assurance: string };
}

/**
 * Reads, as `access`'s client, the current identity facts (with their `conflicted` flag) and
 * their history for `personalId`, waiting up to `waitMs` until both sources' facts and the
 * military person code are there (a bulk sync may still be applying). Throws
 * MOTLAN_DEADLINE_EXCEEDED when they never are, and a typed error naming the answer when the
 * registry refuses (e.g. 403 when the policy does not grant the read).
 */
export async function readBothSources(
  access: RegistryAccess,
  personalId: string,
  waitMs: number,
): Promise<BothSources> {
  const get = async <T>(path: string): Promise<T> => {
    const answer = await requestJson(`${access.url}${path}`, {
      ...(access.ca ? { ca: access.ca } : {}),
      cert: access.cert,
      key: access.key,
    });
    if (answer.status !== 200) {
      const problem = answer.body as { code?: string; detail?: string };
      throw new MotlanError(
        answer.status >= 500 ? CommonErrors.unavailable : CommonErrors.conflict,
        `GET ${path} → ${answer.status} ${problem.code ?? ''}: ${problem.detail ?? JSON.stringify(answer.body)}`,
      );
    }
    return answer.body as T;
  };
  const id = encodeURIComponent(personalId);
  const purpose = `purpose=${BOTH_SOURCES_PURPOSE}`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const current = await get<{ facts: (RestFact & { conflicted: boolean })[]; missing: string[] }>(
      `/v1/citizens/${id}/facts?types=${[...IDENTITY_TYPES, 'military.person_code'].join(',')}&${purpose}`,
    );
    const histories = await Promise.all(
      IDENTITY_TYPES.map(async (type) => {
        const { versions } = await get<{ versions: { fact: RestFact; current: boolean }[] }>(
          `/v1/citizens/${id}/facts/${type}/history?${purpose}`,
        );
        return { type, versions };
      }),
    );
    const code = current.facts.find((fact) => fact.type === 'military.person_code');
    const facts = histories.map(({ type, versions }) => {
      // The history is in observation order: the last of each source is what it holds now.
      const latest = (source: string) => {
        const version = versions.filter((entry) => entry.fact.provenance.sourceSystem === source).at(-1);
        return version
          ? {
              sourceSystem: source,
              assurance: version.fact.provenance.assurance,
              value: version.fact.value,
              current: version.current,
            }
          : undefined;
      };
      return {
        type,
        conflicted: current.facts.find((fact) => fact.type === type)?.conflicted ?? false,
        population: latest(POPULATION_SOURCE),
        personnel: latest(PERSONNEL_SOURCE),
      };
    });
    if (code && facts.every((fact) => fact.population && fact.personnel)) {
      return {
        personalId,
        militaryCode: (code.value as { code: string }).code,
        facts: facts.map((fact) => ({ ...fact, population: fact.population!, personnel: fact.personnel! })),
      };
    }
    if (Date.now() > deadline) {
      throw new MotlanError(
        CommonErrors.deadlineExceeded,
        `Waited ${waitMs} ms for the registry to hold ${personalId}'s facts from both sources (is the initial military sync done?)`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A fact value as a person reads it: a name in full, a date as written. */
function shown(type: string, value: unknown): string {
  const fields = value as { full?: string; date?: string };
  if (type === 'identity.full_name' && fields.full !== undefined) return fields.full;
  if (type === 'identity.date_of_birth' && fields.date !== undefined) return fields.date;
  return JSON.stringify(value);
}

/** The identity facts of both sources side by side, with the registry's flag and which it serves. */
export function bothSourcesTable(both: BothSources): string {
  const served = (fact: BothSources['facts'][number]) => {
    const current = fact.population.current ? fact.population : fact.personnel;
    const from = current.sourceSystem === POPULATION_SOURCE ? 'population' : 'personnel';
    return fact.conflicted ? `conflicted: serves the ${from} record's` : 'agree';
  };
  const rows = [
    ['fact', POPULATION_SOURCE, PERSONNEL_SOURCE, 'registry'],
    ...both.facts.map((fact) => [
      fact.type,
      shown(fact.type, fact.population.value),
      shown(fact.type, fact.personnel.value),
      served(fact),
    ]),
  ];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join(' │ ');
  const rule = widths.map((width) => '─'.repeat(width)).join('─┼─');
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}
