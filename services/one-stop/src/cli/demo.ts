/**
 * `pnpm --filter @motlan/one-stop demo`: the once-only story against the running mesh
 * (`pnpm start`). Picks a living man from the population simulator not yet in the personnel
 * database unless told whom, and a service member (with a personnel record) for step 3:
 *   --personal-id <12 digits> --full-name "<name>" --dob YYYY-MM-DD
 *   --service-member <12 digits>; --registry-url https://127.0.0.1:7200 (FACT_REGISTRY_URL)
 *   --url https://127.0.0.1:7300 (ONE_STOP_URL)
 *   --officer commune-officer --officer-id officer-17: the handling unit's client certificate
 *   (in MTLS_CERT_DIR, default infra/certs/.certs) and who of its staff acts
 *   --portal citizen-portal: the citizen portal's client certificate, acting for the citizen
 *   --mover <12 digits>: the man who moves in step 4 (default: one the personnel database holds);
 *   --no-move skips it; --population-url (NPDB_URL), --personnel-url (MPDB_URL),
 *   --personnel-client id:secret (MPDB_CLIENT) for the simulators
 */
import { parseArgs } from 'node:util';
import { commandLineArgs } from '@motlan/config';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadTlsMaterial } from '@motlan/access';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { bothSourcesTable } from './demo-both-sources.ts';
import { moveTable } from './demo-move.ts';
import { runDemo, sideBySide, type DemoCitizen } from './demo-story.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const { values } = parseArgs({
  args: commandLineArgs(),
  options: {
    url: { type: 'string', default: process.env['ONE_STOP_URL'] ?? 'https://127.0.0.1:7300' },
    'personal-id': { type: 'string' },
    'full-name': { type: 'string' },
    dob: { type: 'string' },
    'service-member': { type: 'string' },
    'registry-url': { type: 'string', default: process.env['FACT_REGISTRY_URL'] ?? 'https://127.0.0.1:7200' },
    officer: { type: 'string', default: 'commune-officer' },
    'officer-id': { type: 'string', default: 'officer-17' },
    portal: { type: 'string', default: 'citizen-portal' },
    mover: { type: 'string' },
    'no-move': { type: 'boolean', default: false },
    'population-url': { type: 'string', default: process.env['NPDB_URL'] ?? 'http://127.0.0.1:7037' },
    'personnel-url': { type: 'string', default: process.env['MPDB_URL'] ?? 'http://127.0.0.1:7038' },
    'personnel-client': {
      type: 'string',
      default: process.env['MPDB_CLIENT'] ?? 'motlan-dev:motlan-dev-secret',
    },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`Usage: pnpm --filter @motlan/one-stop demo [--url URL] [--personal-id ID --full-name NAME --dob YYYY-MM-DD]
                                         [--officer CERT_NAME] [--officer-id ID] [--portal CERT_NAME]
                                         [--service-member ID] [--registry-url URL]
                                         [--mover ID | --no-move] [--population-url URL] [--personnel-url URL]
                                         [--personnel-client ID:SECRET]
Tells the once-only story against the running mesh (pnpm start): a first military-service
registration (the result carries the military person code the commune military command issues),
then a temporary-absence registration that asks for nothing already known; then, for a service
member (a citizen with a personnel record; default: one drawn from the personnel simulator,
preferring one whose record disagrees with the population's), the fact registry's identity facts
from both the population and the military personnel database, side by side, as the officer's
certificate may read them (FACT_REGISTRY_URL, default https://127.0.0.1:7200).
Then "Told once: a move": a man the personnel database holds (default: one drawn from it) moves at
the population simulator (NPDB_URL, default http://127.0.0.1:7037, POST /admin/changes); the
registry's new residence fact, its notification to one-stop, the personnel record's registered
commune (MPDB_URL, default http://127.0.0.1:7038, OAuth2 client MPDB_CLIENT) and the move-out and
move-in dossiers one-stop opens are shown, each with the time it took (each wait bounded).
The commune military command acts with the client certificate CERT_NAME (default
commune-officer, from MTLS_CERT_DIR) as its officer ID (default officer-17); the citizen's calls go
through the citizen portal's certificate (default citizen-portal), naming the citizen in X-Applicant-Id.`);
  process.exit(0);
}

function schemaName(variable: string, fallback: string): string {
  const schema = process.env[variable] ?? fallback;
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new MotlanError(CommonErrors.config, `${variable} is not a schema name`, { field: variable });
  }
  return schema;
}

interface CitizenRecord {
  SoDinhDanh: string;
  HoVaTen: { Ho: string; ChuDem: string; Ten: string };
  NgayThangNamSinh: string;
}

/**
 * From the simulators' own tables (as the root README's first calls do): a living man not (yet)
 * in the personnel database for the story — a first registration is for someone not registered —
 * and a service member for step 3, preferring one whose record the seeding made disagree with the
 * population's, so the registry's flag shows. Without the personnel simulator's schema, any
 * living man and no step 3.
 */
async function pickCitizens(): Promise<{ citizen: DemoCitizen; serviceMember: string | undefined }> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    const npdb = schemaName('NPDB_SCHEMA', 'npdb');
    const mpdb = schemaName('MPDB_SCHEMA', 'mpdb');
    const { rows: present } = await client.query<{ personnel: string | null }>(
      'SELECT to_regclass($1) AS personnel',
      [`${mpdb}.personnel`],
    );
    const withPersonnel = present[0]?.personnel != null;
    const { rows } = await client.query<{ record: CitizenRecord }>(
      `SELECT c.record FROM ${npdb}.citizens c
       WHERE c.record->>'TrangThai' = 'SONG' AND c.record->>'GioiTinh' = '1'
       ${withPersonnel ? `AND NOT EXISTS (SELECT 1 FROM ${mpdb}.personnel p WHERE p.so_dinh_danh = c.so_dinh_danh)` : ''}
       ORDER BY random() LIMIT 1`,
    );
    const record = rows[0]?.record;
    if (!record) {
      throw new MotlanError(
        CommonErrors.unavailable,
        'The population simulator has no citizens yet: is pnpm start running?',
      );
    }
    const d = record.NgayThangNamSinh;
    const citizen = {
      personalId: record.SoDinhDanh,
      fullName: [record.HoVaTen.Ho, record.HoVaTen.ChuDem, record.HoVaTen.Ten].filter(Boolean).join(' '),
      dateOfBirth: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`,
    };
    if (!withPersonnel) return { citizen, serviceMember: undefined };
    const { rows: members } = await client.query<{ so_dinh_danh: string }>(
      `SELECT p.so_dinh_danh FROM ${mpdb}.personnel p
         LEFT JOIN ${mpdb}.seeded_truth t
           ON t.ma_dinh_danh_quan_nhan = p.ma_dinh_danh_quan_nhan AND t.kind <> 'malformed'
        WHERE NOT p.malformed
        ORDER BY (t.kind IS NULL), random() LIMIT 1`,
    );
    return { citizen, serviceMember: members[0]?.so_dinh_danh };
  } finally {
    await client.end();
  }
}

/**
 * A man the personnel database holds (well-formed record), alive in the population database —
 * one-stop's subscription covers the citizens the personnel database holds — or undefined
 * without the personnel simulator's schema.
 */
async function pickMover(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    const npdb = schemaName('NPDB_SCHEMA', 'npdb');
    const mpdb = schemaName('MPDB_SCHEMA', 'mpdb');
    const { rows: present } = await client.query<{ personnel: string | null }>(
      'SELECT to_regclass($1) AS personnel',
      [`${mpdb}.personnel`],
    );
    if (present[0]?.personnel == null) return undefined;
    const { rows } = await client.query<{ so_dinh_danh: string }>(
      `SELECT p.so_dinh_danh FROM ${mpdb}.personnel p JOIN ${npdb}.citizens c ON c.so_dinh_danh = p.so_dinh_danh
        WHERE NOT p.malformed AND c.record->>'TrangThai' = 'SONG' AND c.record->>'GioiTinh' = '1'
        ORDER BY random() LIMIT 1`,
    );
    return rows[0]?.so_dinh_danh;
  } finally {
    await client.end();
  }
}

/** The dossiers one-stop opened from notifications for this applicant since `since` (its own schema). */
async function findOpened(personalId: string, since: Date): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM ${schemaName('ONE_STOP_SCHEMA', 'one_stop')}.dossiers
        WHERE applicant_personal_id = $1 AND origin->>'channel' = 'notification' AND received_at >= $2
        ORDER BY procedure_code`,
      [personalId, since],
    );
    return rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}

function databaseUrl(): string {
  return process.env['DATABASE_URL'] ?? 'postgres://motlan@127.0.0.1:54329/motlan';
}

const told =
  values['personal-id'] && values['full-name'] && values.dob
    ? { personalId: values['personal-id'], fullName: values['full-name'], dateOfBirth: values.dob }
    : undefined;
const picked = told && values['service-member'] ? undefined : await pickCitizens();
const citizen: DemoCitizen = told ?? picked!.citizen;
const serviceMember = values['service-member'] ?? picked?.serviceMember;
const mover = values['no-move'] ? undefined : (values.mover ?? (await pickMover()));
const [personnelId, ...personnelSecret] = values['personnel-client'].split(':');

try {
  // pnpm start (infra/certs/generate.sh) makes the commune-officer and citizen-portal certificates.
  const certs = process.env['MTLS_CERT_DIR'] ?? `${REPO_ROOT}infra/certs/.certs`;
  const { ca, cert, key } = loadTlsMaterial(certs, values.officer);
  const portal = loadTlsMaterial(certs, values.portal);
  // A subscriber reads its own notifications: one-stop's certificate, to show the one it was sent.
  const subscriber = loadTlsMaterial(certs, 'one-stop');
  const result = await runDemo({
    baseUrl: values.url,
    ca,
    portal: { cert: portal.cert, key: portal.key },
    officer: { cert, key, officerId: values['officer-id'] },
    citizen,
    ...(serviceMember
      ? { serviceMember: { personalId: serviceMember, registryUrl: values['registry-url'] } }
      : {}),
    ...(mover
      ? {
          move: {
            personalId: mover,
            populationUrl: values['population-url'],
            personnelUrl: values['personnel-url'],
            personnelClient: { id: personnelId ?? '', secret: personnelSecret.join(':') },
            registryUrl: values['registry-url'],
            subscriber: { cert: subscriber.cert, key: subscriber.key },
            findOpened,
          },
        }
      : {}),
    log: (line) => console.log(line),
  });
  console.log('\nBoth dossiers side by side:\n');
  console.log(sideBySide(result));
  const reused = result.second.facts.filter((fact) => fact.origin === 'prefilled').length;
  console.log(
    `\nThe second dossier needed ${result.second.onceOnly.required} facts and asked the citizen for ${result.second.onceOnly.supplied}: ` +
      `${reused} reused — from the population database, from the first dossier's result, and from what was typed in it.`,
  );
  if (result.bothSources) {
    console.log(
      `\nService member ${result.bothSources.personalId}: the registry's identity facts from both sources:\n`,
    );
    console.log(bothSourcesTable(result.bothSources));
  }
  if (result.move) {
    console.log(
      `\nTold once: ${result.move.personalId} moved from commune ${result.move.fromWard} to ${result.move.toWard}; the citizen did nothing else:\n`,
    );
    console.log(moveTable(result.move));
  }
} catch (error) {
  console.error(`Demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
