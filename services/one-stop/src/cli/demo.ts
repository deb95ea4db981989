/**
 * `pnpm --filter @motlan/one-stop demo`: the once-only story against the running mesh
 * (`pnpm start`). Picks a living citizen from the population simulator unless told whom:
 *   --personal-id <12 digits> --full-name "<name>" --dob YYYY-MM-DD
 *   --url https://127.0.0.1:7300 (ONE_STOP_URL)
 *   --officer commune-officer --officer-id officer-17: the handling unit's client certificate
 *   (in MTLS_CERT_DIR, default infra/certs/.certs) and who of its staff acts
 *   --portal citizen-portal: the citizen portal's client certificate, acting for the citizen
 */
import { parseArgs } from 'node:util';
import { commandLineArgs } from '@motlan/config';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadTlsMaterial } from '@motlan/access';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { runDemo, sideBySide, type DemoCitizen } from './demo-story.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const { values } = parseArgs({
  args: commandLineArgs(),
  options: {
    url: { type: 'string', default: process.env['ONE_STOP_URL'] ?? 'https://127.0.0.1:7300' },
    'personal-id': { type: 'string' },
    'full-name': { type: 'string' },
    dob: { type: 'string' },
    officer: { type: 'string', default: 'commune-officer' },
    'officer-id': { type: 'string', default: 'officer-17' },
    portal: { type: 'string', default: 'citizen-portal' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`Usage: pnpm --filter @motlan/one-stop demo [--url URL] [--personal-id ID --full-name NAME --dob YYYY-MM-DD]
                                         [--officer CERT_NAME] [--officer-id ID] [--portal CERT_NAME]
Tells the once-only story against the running mesh (pnpm start): a first military-service
registration, then a temporary-absence registration that asks for nothing already known.
The commune military command acts with the client certificate CERT_NAME (default
commune-officer, from MTLS_CERT_DIR) as its officer ID (default officer-17); the citizen's calls go
through the citizen portal's certificate (default citizen-portal), naming the citizen in X-Applicant-Id.`);
  process.exit(0);
}

/** A living man of the simulator's population (its own table, as the root README's first calls do). */
async function pickCitizen(): Promise<DemoCitizen> {
  const client = new pg.Client({
    connectionString: process.env['DATABASE_URL'] ?? 'postgres://motlan@127.0.0.1:54329/motlan',
  });
  await client.connect();
  try {
    const schema = process.env['NPDB_SCHEMA'] ?? 'npdb';
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) {
      throw new MotlanError(CommonErrors.config, 'NPDB_SCHEMA is not a schema name', {
        field: 'NPDB_SCHEMA',
      });
    }
    const { rows } = await client.query<{
      record: {
        SoDinhDanh: string;
        HoVaTen: { Ho: string; ChuDem: string; Ten: string };
        NgayThangNamSinh: string;
      };
    }>(
      `SELECT record FROM ${schema}.citizens
       WHERE record->>'TrangThai' = 'SONG' AND record->>'GioiTinh' = '1' ORDER BY random() LIMIT 1`,
    );
    const record = rows[0]?.record;
    if (!record) {
      throw new MotlanError(
        CommonErrors.unavailable,
        'The population simulator has no citizens yet: is pnpm start running?',
      );
    }
    const d = record.NgayThangNamSinh;
    return {
      personalId: record.SoDinhDanh,
      fullName: [record.HoVaTen.Ho, record.HoVaTen.ChuDem, record.HoVaTen.Ten].filter(Boolean).join(' '),
      dateOfBirth: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`,
    };
  } finally {
    await client.end();
  }
}

const citizen: DemoCitizen =
  values['personal-id'] && values['full-name'] && values.dob
    ? { personalId: values['personal-id'], fullName: values['full-name'], dateOfBirth: values.dob }
    : await pickCitizen();

try {
  // pnpm start (infra/certs/generate.sh) makes the commune-officer and citizen-portal certificates.
  const certs = process.env['MTLS_CERT_DIR'] ?? `${REPO_ROOT}infra/certs/.certs`;
  const { ca, cert, key } = loadTlsMaterial(certs, values.officer);
  const portal = loadTlsMaterial(certs, values.portal);
  const result = await runDemo({
    baseUrl: values.url,
    ca,
    portal: { cert: portal.cert, key: portal.key },
    officer: { cert, key, officerId: values['officer-id'] },
    citizen,
    log: (line) => console.log(line),
  });
  console.log('\nBoth dossiers side by side:\n');
  console.log(sideBySide(result));
  const reused = result.second.facts.filter((fact) => fact.origin === 'prefilled').length;
  console.log(
    `\nThe second dossier needed ${result.second.onceOnly.required} facts and asked the citizen for ${result.second.onceOnly.supplied}: ` +
      `${reused} reused — from the population database, from the first dossier's result, and from what was typed in it.`,
  );
} catch (error) {
  console.error(`Demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
