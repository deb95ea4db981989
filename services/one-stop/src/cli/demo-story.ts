import { APPLICANT_ID_HEADER, OFFICER_ID_HEADER } from '@motlan/access';
import { militaryCodeFor, militaryIssuerForProvince } from '@motlan/domain';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { readBothSources, type BothSources } from './demo-both-sources.ts';
import { runMoveStory, type MoveStory, type MoveStorySettings } from './demo-move.ts';
import { requestJson } from './https-json.ts';

/**
 * The once-only story, told through the one-stop REST API as a citizen portal and a commune
 * military command would use it: a first military-service registration, its result (with the
 * military person code the command issues) becoming a fact, then a temporary-absence registration
 * that asks for nothing already known; and, for a citizen with a personnel record, the registry's
 * identity facts from both the population and the personnel database.
 */
export interface DemoCitizen {
  personalId: string;
  fullName: string;
  dateOfBirth: string;
}

export interface DemoFact {
  type: string;
  origin: 'prefilled' | 'supplied';
  sourceSystem: string;
  assurance: string;
  sourceRecordRef: string;
}

export interface DemoDossier {
  id: string;
  code: string;
  procedureCode: string;
  procedureName: string;
  status: string;
  receivedAt: string;
  dueAt: string;
  facts: DemoFact[];
  onceOnly: { required: number; prefilled: number; supplied: number };
  resultFactId: string | null;
  history: { eventType: string; actor: string }[];
}

export interface DemoResult {
  first: DemoDossier;
  second: DemoDossier;
  /** What the second dossier's prefill still asked for (nothing, when the story holds). */
  secondMissing: string[];
  /** The military person code the commune military command gave on the first dossier's result. */
  issuedMilitaryCode: string;
  /** Step 3, when the settings name a service member and the registry. */
  bothSources?: BothSources;
  /** Step 4, when the settings name a man to move. */
  move?: MoveStory;
}

export interface DemoSettings {
  baseUrl: string;
  ca?: Buffer;
  /**
   * The citizen portal's client certificate (a name in the service's ONE_STOP_PORTAL_CLIENTS):
   * the applicant's calls present it and name the applicant in X-Applicant-Id.
   */
  portal: { cert: Buffer; key: Buffer };
  /**
   * The commune military command's system: its client certificate (a name in the service's
   * ONE_STOP_OFFICER_CLIENTS) for the officer actions, and who of its staff acts (X-Officer-Id).
   */
  officer: { cert: Buffer; key: Buffer; officerId?: string };
  citizen: DemoCitizen;
  /**
   * Step 3: a citizen with a personnel record whose identity facts the registry (`registryUrl`,
   * REST, https) holds from both sources, read with the officer's certificate — the access policy
   * lets the commune military command read identity and the military person code for 1.004227.
   */
  serviceMember?: { personalId: string; registryUrl: string };
  /**
   * Step 4, "Told once: a move" (demo-move.ts): a man the personnel database holds moves at the
   * population database; the registry's fact, its notification, the personnel record and the
   * two dossiers one-stop opens, each with the time it took. Runs after step 3 when given.
   */
  move?: Omit<MoveStorySettings, 'oneStopUrl' | 'ca' | 'officer' | 'log'>;
  /** How long to wait for the mesh to know the citizen and to apply the first result. */
  waitMs?: number;
  log?: (line: string) => void;
}

const FIRST = '1.004227'; // Đăng ký nghĩa vụ quân sự lần đầu
const SECOND = '1.004225'; // Đăng ký tạm vắng nghĩa vụ quân sự
/** Facts the population database holds for every citizen. */
const CORE_FACTS = ['identity.full_name', 'identity.date_of_birth', 'identity.sex', 'residence.permanent'];

interface PrefillAnswer {
  prefilled: (DemoFact & { value: unknown })[];
  missing: { type: string; title: string }[];
}

export async function runDemo(settings: DemoSettings): Promise<DemoResult> {
  const log = settings.log ?? (() => undefined);
  const waitMs = settings.waitMs ?? 60_000;
  const { officer, portal } = settings;
  const applicant = settings.citizen;
  /**
   * The portal presents its certificate and names the applicant it acts for; the handling unit's
   * calls present the officer's and name who of its staff acts.
   */
  const call = async <T>(method: string, path: string, body?: unknown, asOfficer = false): Promise<T> => {
    const answer = await requestJson(`${settings.baseUrl}${path}`, {
      method,
      body,
      ...(settings.ca ? { ca: settings.ca } : {}),
      ...(asOfficer
        ? {
            cert: officer.cert,
            key: officer.key,
            headers: officer.officerId ? { [OFFICER_ID_HEADER]: officer.officerId } : {},
          }
        : {
            cert: portal.cert,
            key: portal.key,
            headers: { [APPLICANT_ID_HEADER]: applicant.personalId },
          }),
    });
    if (answer.status >= 300) {
      const problem = answer.body as { code?: string; detail?: string };
      throw new MotlanError(
        answer.status >= 500 ? CommonErrors.unavailable : CommonErrors.conflict,
        `${method} ${path} → ${answer.status} ${problem.code ?? ''}: ${problem.detail ?? JSON.stringify(answer.body)}`,
      );
    }
    return answer.body as T;
  };
  const prefill = (procedureCode: string) =>
    call<PrefillAnswer>('POST', '/v1/dossiers/prefill', { procedureCode, applicant });

  log(`1. ${applicant.fullName} registers for military service for the first time (${FIRST}).`);
  // The registry applies a citizen's synced facts together: wait until the core ones are there
  // and two answers in a row agree, so nothing the mesh is about to learn is asked for.
  let previous = '';
  const first = await until(
    () => prefill(FIRST),
    (answer) => {
      const held = new Set(answer.prefilled.map((fact) => fact.type));
      const key = [...held].sort().join(',');
      const settled = CORE_FACTS.every((type) => held.has(type)) && key === previous;
      previous = key;
      return settled;
    },
    waitMs,
    'the registry to know the citizen (is the initial sync done?)',
  );
  log(
    `   The mesh already knows ${first.prefilled.length} facts; asked for: ${first.missing.map((m) => m.title).join(', ') || 'nothing'}.`,
  );
  const supplied = first.missing.map((missing) => ({
    type: missing.type,
    value: sampleValue(missing.type, first),
  }));
  const dossier1 = await call<DemoDossier>('POST', '/v1/dossiers', {
    procedureCode: FIRST,
    applicant,
    facts: supplied,
  });
  log(`   Dossier ${dossier1.code} received, due ${dossier1.dueAt}.`);
  await call('POST', `/v1/dossiers/${dossier1.id}/start-processing`, {}, true);
  const issuedMilitaryCode = issueMilitaryCode(dossier1, first);
  const resolved = await call<DemoDossier>(
    'POST',
    `/v1/dossiers/${dossier1.id}/resolve`,
    { result: { militaryCode: issuedMilitaryCode } },
    true,
  );
  await call('POST', `/v1/dossiers/${dossier1.id}/rating`, { score: 5 });
  log(
    `   Resolved by ${resolved.history.at(-1)?.actor ?? '?'} (its client certificate), issuing military person code ${issuedMilitaryCode}: the registration is now an authoritative fact (${resolved.resultFactId}).`,
  );

  log(`2. Later, the same citizen registers a temporary absence (${SECOND}).`);
  const second = await until(
    () => prefill(SECOND),
    (answer) => answer.missing.length === 0,
    waitMs,
    'the registry to apply the first dossier’s result and declarations',
  );
  const dossier2 = await call<DemoDossier>('POST', '/v1/dossiers', {
    procedureCode: SECOND,
    applicant,
    facts: [],
  });
  log(`   Dossier ${dossier2.code} received with nothing typed in, due ${dossier2.dueAt}.`);
  const result: DemoResult = {
    first: resolved,
    second: dossier2,
    secondMissing: second.missing.map((missing) => missing.type),
    issuedMilitaryCode,
  };
  const moveStory = (): Promise<MoveStory> =>
    runMoveStory({
      ...settings.move!,
      oneStopUrl: settings.baseUrl,
      ...(settings.ca ? { ca: settings.ca } : {}),
      officer: { cert: officer.cert, key: officer.key },
      log,
    });
  const member = settings.serviceMember;
  if (!member) return settings.move ? { ...result, move: await moveStory() } : result;

  log(
    `3. The registry holds ${member.personalId}'s identity from the population database and from the military personnel database.`,
  );
  const bothSources = await readBothSources(
    {
      url: member.registryUrl,
      ...(settings.ca ? { ca: settings.ca } : {}),
      cert: officer.cert,
      key: officer.key,
    },
    member.personalId,
    waitMs,
  );
  const disagreeing = bothSources.facts.filter((fact) => fact.conflicted).map((fact) => fact.type);
  log(
    `   Personnel record ${bothSources.militaryCode}; ${disagreeing.length === 0 ? 'both sources agree' : `the registry flags ${disagreeing.join(' and ')} as conflicted`}.`,
  );
  return { ...result, bothSources, ...(settings.move ? { move: await moveStory() } : {}) };
}

/**
 * The code the commune military command issues on a first registration: the authority over the
 * citizen's province (`militaryIssuerForProvince`, from the prefilled permanent residence), the
 * year of registration, and the dossier's number as the serial (unique per issuer and year here,
 * since the demo's dossiers are numbered by the one-stop shop).
 */
function issueMilitaryCode(dossier: DemoDossier, known: PrefillAnswer): string {
  const residence = known.prefilled.find((fact) => fact.type === 'residence.permanent')?.value as
    { provinceCode?: string } | undefined;
  return militaryCodeFor({
    issuingUnit: militaryIssuerForProvince(residence?.provinceCode ?? ''),
    registrationYear: Number(dossier.code.slice(3, 7)), // the day of receipt, Vietnam time
    serial: Number(dossier.code.slice(-6)) || 1,
  });
}

async function until<T>(
  attempt: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new MotlanError(CommonErrors.deadlineExceeded, `Waited ${timeoutMs} ms for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** What a citizen would type for a fact the mesh does not know (demo values). */
function sampleValue(type: string, known: PrefillAnswer): unknown {
  const today = new Date().toISOString().slice(0, 10);
  switch (type) {
    case 'military.health_grade':
      return { grade: 1, assessedAt: today };
    case 'family.father':
      return { fullName: 'Nguyễn Văn Bình' };
    case 'family.mother':
      return { fullName: 'Trần Thị Hoa' };
    case 'civil.marital_status':
      return { status: 'single' };
    case 'residence.current':
      return known.prefilled.find((fact) => fact.type === 'residence.permanent')?.value;
    default:
      return sampleFallback(type);
  }
}

function sampleFallback(type: string): unknown {
  switch (type) {
    case 'family.spouse':
      return { fullName: 'Lê Thị Mai' };
    default:
      throw new MotlanError(CommonErrors.validation, `The demo has no sample value for ${type}`, {
        field: type,
      });
  }
}

function origin(fact: DemoFact | undefined, dossiers: Map<string, string>): string {
  if (!fact) return '—';
  if (fact.origin === 'supplied') return 'typed in by the citizen';
  const level = fact.assurance.replace('ASSURANCE_', '').toLowerCase().replace('_', '-');
  const dossier = fact.sourceRecordRef.startsWith('dossier/') ? fact.sourceRecordRef.slice(8) : undefined;
  const from = dossiers.get(fact.sourceRecordRef) ?? (dossier ? `dossier ${dossier}` : '');
  return `reused: ${fact.sourceSystem} (${level}${from ? `, ${from}` : ''})`;
}

/** Both dossiers side by side: each fact, and where each dossier got it from. */
export function sideBySide(result: DemoResult): string {
  const { first, second } = result;
  const names = new Map([
    [`dossier/${first.code}`, `result of ${first.code}`],
    [`dossier/${first.id}`, `typed in ${first.code}`],
  ]);
  const types = [
    ...new Set([...first.facts.map((fact) => fact.type), ...second.facts.map((fact) => fact.type)]),
  ];
  const rows = [
    ['fact', `${first.code} ${first.procedureName}`, `${second.code} ${second.procedureName}`],
    ...types.map((type) => [
      type,
      origin(
        first.facts.find((fact) => fact.type === type),
        new Map(),
      ),
      origin(
        second.facts.find((fact) => fact.type === type),
        names,
      ),
    ]),
    [
      'typed in / required',
      `${first.onceOnly.supplied} / ${first.onceOnly.required}`,
      `${second.onceOnly.supplied} / ${second.onceOnly.required}`,
    ],
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join(' │ ');
  const rule = widths.map((width) => '─'.repeat(width)).join('─┼─');
  return [line(rows[0]!), rule, ...rows.slice(1, -1).map(line), rule, line(rows.at(-1)!)].join('\n');
}
