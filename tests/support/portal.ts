/**
 * A citizen of a running test mesh and what a legitimate caller (the citizen portal, acting for
 * that citizen) sends for each route: the outside-in test replays the same requests as a
 * stranger and checks that nothing observable about the citizen changed.
 */
import { expect } from 'vitest';
import { clientTls, httpsJson, type Mesh } from '@motlan/testkit';

export interface Citizen {
  personalId: string;
  givenName: string;
  /** A body that validates for the operation, as the portal would send it. */
  bodyFor(operation: { method: string; path: string }): unknown;
  headersFor(operation: { method: string; path: string }): Record<string, string>;
  /** What a stranger must not be able to change: the dossier, the citizen's facts and disclosures. */
  observableState(dossierCode: string): Promise<unknown>;
}

interface NpdbRecord {
  SoDinhDanh: string;
  HoVaTen: { Ho: string; ChuDem: string; Ten: string };
  NgayThangNamSinh: string;
  GioiTinh: string;
}

/** The portal's certificate and the header naming the applicant it acts for. */
export const PORTAL = 'citizen-portal';
export const APPLICANT_HEADER = 'x-applicant-id';
const ENTRY_PERMIT = '2.002102'; // every fact it needs comes from the population database

export function citizenActions(mesh: Mesh) {
  const oneStop = mesh.oneStop!;
  const portal = clientTls(PORTAL);
  const operator = clientTls('operator');

  async function someCitizen(): Promise<Citizen> {
    const { rows } = await mesh.npdbPool.query<{ record: NpdbRecord }>(
      "SELECT record FROM citizens WHERE record->>'TrangThai' = 'SONG' ORDER BY so_dinh_danh LIMIT 1",
    );
    const record = rows[0]!.record;
    const personalId = record.SoDinhDanh;
    const fullName = [record.HoVaTen.Ho, record.HoVaTen.ChuDem, record.HoVaTen.Ten].filter(Boolean).join(' ');
    const day = record.NgayThangNamSinh;
    const dateOfBirth = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;
    const applicant = { personalId, fullName, dateOfBirth };
    const facts = [{ type: 'identity.full_name', value: { full: fullName } }];
    const bodies: Record<string, unknown> = {
      'POST /v1/citizens/verify': { personalId, claims: { fullName }, purpose: '1.001234' },
      'POST /v1/citizens/{personalId}/declarations': { dossierId: 'outside-in', facts },
      'POST /data/{registryname}/{versionnumber}/read': { query: { content: { ID: personalId } } },
      'POST /data/{registryname}/{versionnumber}/exists': { query: { content: { ID: personalId } } },
      'POST /v1/dossiers/prefill': { procedureCode: ENTRY_PERMIT, applicant },
      'POST /v1/dossiers': { procedureCode: ENTRY_PERMIT, applicant, documents: ['don-de-nghi'] },
      'POST /v1/dossiers/{dossierId}/withdraw': { reason: 'changed my mind' },
      'POST /v1/dossiers/{dossierId}/supplement': { documents: ['CCCD'] },
      'POST /v1/dossiers/{dossierId}/rating': { score: 1 },
      'POST /v1/dossiers/{dossierId}/start-processing': {},
      'POST /v1/dossiers/{dossierId}/request-supplement': { reason: 'more' },
      'POST /v1/dossiers/{dossierId}/resolve': {},
      'POST /v1/dossiers/{dossierId}/reject': { reason: 'no' },
      'POST /v1/quarantine/retry': undefined,
      // The operators' console: redrive every dead letter of the facts topic.
      'POST /api/dead-letters/redrive': { topic: 'citizen.facts.v1', all: true },
      'DELETE /v1/subscriptions/{id}': undefined,
      'POST /v1/subscriptions': {
        purpose: '1.004222',
        factTypes: ['residence.permanent'],
        delivery: 'grpc-stream',
      },
    };
    return {
      personalId,
      givenName: record.HoVaTen.Ten,
      bodyFor(operation) {
        const key = `${operation.method} ${operation.path}`;
        expect(key in bodies, `no legitimate request written for ${key}`).toBe(true);
        return bodies[key];
      },
      headersFor: () => ({
        [APPLICANT_HEADER]: personalId,
        'x-purpose': '1.001234',
        'information-mediator-client': `VN/GOV/MOTLAN/${PORTAL}`,
      }),
      async observableState(dossierCode) {
        const dossier = await httpsJson(`${oneStop.url}/v1/dossiers/${dossierCode}`, {
          tls: portal,
          headers: { [APPLICANT_HEADER]: personalId },
        });
        const history = await httpsJson(
          `${mesh.registryHttp}/v1/citizens/${personalId}/facts/identity.full_name/history?purpose=1.001234`,
          { tls: clientTls('one-stop') },
        );
        const disclosures = await httpsJson(`${mesh.registryHttp}/v1/citizens/${personalId}/disclosures`, {
          tls: operator,
        });
        const body = dossier.body as { status: string; history: unknown[] };
        const list = disclosures.body as { disclosures: { client: string }[] };
        return {
          nameVersions: (history.body as { versions: unknown[] }).versions.length,
          status: body.status,
          steps: body.history.length,
          strangers: list.disclosures.filter((entry) => entry.client === 'rogue').length,
        };
      },
    };
  }

  /** Submits an entry permit (all facts prefilled) for the citizen; answers its code. */
  async function submitEntryPermit(citizen: Citizen): Promise<string> {
    const answer = await httpsJson(`${oneStop.url}/v1/dossiers`, {
      method: 'POST',
      tls: portal,
      headers: citizen.headersFor({ method: 'POST', path: '/v1/dossiers' }),
      body: citizen.bodyFor({ method: 'POST', path: '/v1/dossiers' }),
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return (answer.body as { code: string }).code;
  }

  return { someCitizen, submitEntryPermit };
}
