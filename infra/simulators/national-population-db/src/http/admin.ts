import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemRef } from '@motlan/http';
import { Type } from 'typebox';
import type { ChangeGenerator } from '../change-generator.ts';
import { RECORD_QUIRKS } from '../domain/record-quirks.ts';
import type { FaultInjector } from '../faults.ts';
import { faultRoutes } from '@motlan/simulator-kit';
import { SimulatorErrors } from '../errors.ts';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { ChangeEntryRef } from './schemas.ts';

/** The changes `POST /admin/changes` makes to a named citizen (a marriage needs two). */
const TARGETED_CHANGES = ['CHUYEN_NOI_O', 'KHAI_TU', 'CAI_CHINH_HO_TEN'] as const;

export interface AdminRoutesOptions {
  faults: FaultInjector;
  changes: ChangeGenerator;
}

/**
 * The simulator's own controls (not part of the upstream's API, not signed): fault knobs, and
 * changes on demand so tests can make the feed move deterministically.
 */
export const adminRoutes: FastifyPluginAsyncTypebox<AdminRoutesOptions> = async (app, options) => {
  const tags = ['simulator admin'];

  await app.register(faultRoutes, { faults: options.faults, calls: '/api', tags });

  app.post(
    '/admin/changes',
    {
      schema: {
        summary: 'Generate n change-feed entries now, or make one change to one citizen, and return them',
        description:
          '`{ "count": n }`: exactly `count` entries drawn at random unless the population is empty (a marriage ' +
          'makes two entries and a household move one per living member). `{ "type", "personalId" }`: that change ' +
          'to that citizen now — CHUYEN_NOI_O moves them to another commune (their living household with them ' +
          'when they head it, their entry first; else they split off into a household of their own), KHAI_TU ' +
          'registers their death today, CAI_CHINH_HO_TEN corrects their name. 404 NPDB_SIM_CITIZEN_NOT_FOUND ' +
          'for an unknown citizen, 409 NPDB_SIM_CHANGE_NOT_APPLICABLE for a deceased one; nothing written.',
        tags,
        body: Type.Object(
          {
            count: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
            type: Type.Optional(Type.Enum([...TARGETED_CHANGES])),
            personalId: Type.Optional(Type.String({ pattern: '^\\d{12}$' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ changes: Type.Array(ChangeEntryRef) }),
          400: ProblemRef,
          404: ProblemRef,
          409: ProblemRef,
        },
      },
    },
    async (request) => {
      const { count, type, personalId } = request.body;
      const refused = (field: string, detail: string) =>
        new MotlanError(CommonErrors.validation, detail, { field: `body.${field}` });
      if (count !== undefined) {
        if (type !== undefined) throw refused('type', 'Give either count, or type and personalId');
        if (personalId !== undefined)
          throw refused('personalId', 'Give either count, or type and personalId');
        return { changes: await options.changes.generate(count) };
      }
      if (type === undefined)
        throw refused(personalId === undefined ? 'count' : 'type', 'Give count, or type and personalId');
      if (personalId === undefined)
        throw refused('personalId', `${type} needs the personalId of the citizen to change`);
      const changes = await options.changes.targeted(type, personalId);
      if (changes === undefined) {
        throw new MotlanError(SimulatorErrors.citizenNotFound, 'No such citizen to change', {
          field: 'body.personalId',
        });
      }
      return { changes };
    },
  );

  app.post(
    '/admin/record-quirks',
    {
      schema: {
        summary:
          'Make one record look as real records do (partial date of birth, no father, an abroad-registered ID, a legacy address, a malformed field)',
        description:
          'Changes one citizen (the one named, or a living one drawn at random) and appends the record to the change ' +
          'feed as a DIEU_CHINH entry, which is returned. Quirks: partial-dob-year (19450000), partial-dob-month ' +
          '(19520700), no-father (Cha null), father-without-id (Cha.SoDinhDanh null), malformed-ward-code ' +
          '(ThuongTru.MaXa not 5 digits), malformed-date-of-birth (month 13), out-of-order-version (version N+1, ' +
          'then version N again after it; the first is returned, the second follows it in the feed), ' +
          'backdated-version (version N+1, a death, stamped one day before version N), legacy-address ' +
          '(ThuongTru and NoiOHienTai in pre-2025 units; provinceCode picks the legacy province), born-abroad ' +
          '(a new citizen, version 1, whose birth was registered abroad: the ID starts with countryCode, default ' +
          '232; NoiDangKyKhaiSinh.MaQuocGia says so; takes no personalId). An option another quirk does not take ' +
          'is refused (400 NPDB_SIM_QUIRK_OPTION_INVALID).',
        tags,
        body: Type.Object(
          {
            quirk: Type.Enum([...RECORD_QUIRKS]),
            personalId: Type.Optional(Type.String({ pattern: '^\\d{12}$' })),
            provinceCode: Type.Optional(
              Type.String({
                pattern: '^\\d{2}$',
                description: 'legacy-address only: a legacy (63-province) code, e.g. 74 (Bình Dương)',
              }),
            ),
            countryCode: Type.Optional(
              Type.String({
                pattern: '^[1-9]\\d{2}$',
                description: 'born-abroad only: the country code (100–999) in digits 1–3 of the new ID',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ change: ChangeEntryRef }), 400: ProblemRef, 404: ProblemRef },
      },
    },
    async (request) => {
      const { quirk, ...choices } = request.body;
      const refused = (field: string, detail: string) =>
        new MotlanError(SimulatorErrors.quirkOptionInvalid, detail, { field: `body.${field}` });
      if (quirk === 'born-abroad' && choices.personalId !== undefined) {
        throw refused('personalId', 'born-abroad adds a new citizen: it takes no personalId');
      }
      if (choices.countryCode !== undefined && quirk !== 'born-abroad') {
        throw refused('countryCode', 'Only born-abroad takes a countryCode');
      }
      if (choices.provinceCode !== undefined) {
        if (quirk !== 'legacy-address')
          throw refused('provinceCode', 'Only legacy-address takes a provinceCode');
        if (!options.changes.isLegacyProvince(choices.provinceCode)) {
          throw refused(
            'provinceCode',
            'Not a legacy (pre-2025) province code the simulator has addresses for',
          );
        }
      }
      const change = await options.changes.quirk(quirk, choices);
      if (change === undefined) {
        // born-abroad settles the newcomer with a living citizen: none in an empty population.
        throw quirk === 'born-abroad'
          ? new MotlanError(
              SimulatorErrors.citizenNotFound,
              'No living citizen to settle the newcomer with',
              {
                field: 'body.quirk',
              },
            )
          : new MotlanError(SimulatorErrors.citizenNotFound, 'No such citizen to change', {
              field: 'body.personalId',
            });
      }
      return { change };
    },
  );
};
