/**
 * Plans the submissions the load sends, the way the citizen portal builds them (its certificate,
 * and the applicant it acts for in X-Applicant-Id): ask the one-stop shop what
 * it already knows for the citizen (prefill), then submit with only what is missing and the
 * documents still to hand in. The prefill pass also warms the mesh (the adapter's record cache).
 */
import { Pool } from 'undici';
import { APPLICANT_ID_HEADER } from '@motlan/access';
import { closedLoop } from '../lib/load-loop.ts';
import type { LatencySummary } from '../lib/histogram.ts';
import type { HttpRequestSpec } from '../lib/load.ts';
import type { NpdbCitizen } from '../lib/npdb.ts';
import { readTlsFiles, type TlsFiles } from '../lib/tls.ts';
import { verificationFor } from '../verify/requests.ts';

/** Đăng ký nghĩa vụ quân sự lần đầu: 9 facts, the health grade typed in and declared. */
export const FIRST_REGISTRATION = '1.004227';
/** Cấp giấy phép ra, vào khu vực bảo vệ công trình quốc phòng nhóm đặc biệt: all 4 facts prefilled. */
export const ENTRY_PERMIT = '2.002102';

/** Facts the bench can type in for a citizen when the mesh lacks them, as a portal user would. */
const TYPED_IN: Record<string, (n: number) => unknown> = {
  'military.health_grade': (n) => ({ grade: 1 + (n % 3), assessedAt: '2026-10-15' }),
  // The synthetic population links parents only when they are in it too; the rest are typed in.
  'family.father': () => ({ fullName: 'Nguyễn Văn Bình' }),
  'family.mother': () => ({ fullName: 'Trần Thị Hoa' }),
};

interface PrefillAnswer {
  prefilled: { type: string }[];
  missing: { type: string }[];
  documentsNeeded: { code: string; unlessSupplied: string[] }[];
}

export interface DossierPlan {
  procedureCode: string;
  submissions: HttpRequestSpec[];
  /** Per planned submission: facts the mesh prefilled and facts typed in. */
  prefilledFacts: number;
  typedFacts: number;
  /** Citizens left out, by reason (not verified, a missing fact the bench cannot type in). */
  skipped: Record<string, number>;
  /** One prefill call as the portal saw it (the mesh answering cold: records fetched upstream). */
  prefillLatency: LatencySummary;
  seconds: number;
}

export async function planDossiers(options: {
  origin: string;
  tls: TlsFiles;
  procedureCode: string;
  citizens: NpdbCitizen[];
  concurrency: number;
}): Promise<DossierPlan> {
  const pool = new Pool(options.origin, {
    connections: options.concurrency,
    connect: readTlsFiles(options.tls),
  });
  const submissions: HttpRequestSpec[] = [];
  const skipped: Record<string, number> = {};
  const skip = (reason: string): void => void (skipped[reason] = (skipped[reason] ?? 0) + 1);
  let prefilledFacts = 0;
  let typedFacts = 0;
  let next = 0;
  const started = performance.now();
  const prefillOne = async (): Promise<void> => {
    const n = next++;
    const citizen = options.citizens[n];
    if (citizen === undefined) return;
    const { fullName, dateOfBirth } = verificationFor(citizen).request.claims;
    const applicant = { personalId: citizen.SoDinhDanh, fullName, dateOfBirth };
    // The portal names the applicant it acts for; the one-stop lets it act for no one else.
    const actingFor = { [APPLICANT_ID_HEADER]: applicant.personalId };
    const answer = await pool.request({
      method: 'POST',
      path: '/v1/dossiers/prefill',
      headers: { 'content-type': 'application/json', ...actingFor },
      body: JSON.stringify({ procedureCode: options.procedureCode, applicant }),
    });
    const text = await answer.body.text();
    if (answer.statusCode !== 200) {
      skip(`prefill ${answer.statusCode} ${/"code"\s*:\s*"([^"]+)"/.exec(text)?.[1] ?? ''}`.trim());
      return;
    }
    const prefill = JSON.parse(text) as PrefillAnswer;
    const untypeable = prefill.missing.find((fact) => TYPED_IN[fact.type] === undefined);
    if (untypeable) return skip(`mesh lacks ${untypeable.type}`);
    const facts = prefill.missing.map((fact) => ({ type: fact.type, value: TYPED_IN[fact.type]!(n) }));
    const typed = new Set(facts.map((fact) => fact.type));
    const documents = prefill.documentsNeeded
      .filter((document) => !document.unlessSupplied.some((type) => typed.has(type)))
      .map((document) => document.code);
    prefilledFacts += prefill.prefilled.length;
    typedFacts += facts.length;
    submissions.push({
      method: 'POST',
      path: '/v1/dossiers',
      headers: actingFor,
      body: {
        procedureCode: options.procedureCode,
        applicant,
        ...(facts.length > 0 ? { facts } : {}),
        ...(documents.length > 0 ? { documents } : {}),
      },
    });
  };
  try {
    // Every citizen once, `concurrency` at a time; a window long enough never to close first.
    const window = await closedLoop({
      call: prefillOne,
      concurrency: options.concurrency,
      warmupSeconds: 0,
      seconds: 86_400,
      stopWhen: () => next >= options.citizens.length,
    });
    if (window.errors > 0) skip(`prefill failed: ${window.errorSamples.join(' | ')}`);
    const planned = Math.max(1, submissions.length);
    return {
      procedureCode: options.procedureCode,
      submissions,
      prefilledFacts: prefilledFacts / planned,
      typedFacts: typedFacts / planned,
      skipped,
      prefillLatency: window.latency.summary(),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await pool.close();
  }
}
