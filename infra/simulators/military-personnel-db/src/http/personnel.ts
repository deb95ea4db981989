import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemRef } from '@motlan/http';
import { Counter, type Registry } from 'prom-client';
import { Type } from 'typebox';
import { MaLoi, MoTaLoi } from '../definitions.ts';
import type { HoSoQuanNhan } from '../domain/record.ts';
import type { PersonnelStore } from '../store/personnel-store.ts';
import { correlationIdOf } from './api-guard.ts';
import { apiHeaders, MilitaryCodeParam, PersonalIdParam, RecordRef, UpstreamErrorRef } from './schemas.ts';

export interface PersonnelRoutesOptions {
  personnel: PersonnelStore;
  registry: Registry;
}

const errorResponses = {
  400: ProblemRef,
  401: ProblemRef,
  404: UpstreamErrorRef,
  503: UpstreamErrorRef,
} as const;

const RecordAnswer = Type.Object({ MaGiaoDich: Type.String(), HoSo: RecordRef });

const ExportPage = Type.Object({
  DanhSach: Type.Array(RecordRef),
  TiepTheo: Type.Union([Type.String(), Type.Null()], {
    description: 'Pass as `sau` for the next page; null at the end',
  }),
  TongSo: Type.Integer({ description: 'Number of records in the registry' }),
});

/** Record lookups (by military person code, by personal ID) and the paged export. */
export const personnelRoutes: FastifyPluginAsyncTypebox<PersonnelRoutesOptions> = async (app, options) => {
  const lookups = new Counter({
    name: 'mpdb_sim_lookups_total',
    help: 'Record lookups by key and result',
    labelNames: ['by', 'result'],
    registers: [options.registry],
  });
  const answer = (
    by: string,
    record: HoSoQuanNhan | undefined,
    MaGiaoDich: string,
  ): { status: 200 | 404; body: unknown } => {
    lookups.inc({ by, result: record ? 'found' : 'not_found' });
    return record
      ? { status: 200, body: { MaGiaoDich, HoSo: record } }
      : { status: 404, body: { MaGiaoDich, Loi: { Ma: MaLoi.notFound, MoTa: MoTaLoi.notFound } } };
  };

  app.get(
    '/api/v1/ho-so/:maDinhDanhQuanNhan',
    {
      schema: {
        summary: 'Tra cứu hồ sơ theo mã định danh quân nhân',
        description:
          'The code is matched as given (15 characters A–Z 0–9); its check character is not verified here.',
        tags: ['ho-so'],
        headers: Type.Object(apiHeaders),
        params: Type.Object({ maDinhDanhQuanNhan: MilitaryCodeParam }),
        response: { 200: RecordAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const record = await options.personnel.byCode(request.params.maDinhDanhQuanNhan);
      const { status, body } = answer('military_code', record, correlationIdOf(request));
      return reply.code(status).send(body);
    },
  );

  app.get(
    '/api/v1/ho-so/theo-so-dinh-danh/:soDinhDanh',
    {
      schema: {
        summary: 'Tra cứu hồ sơ theo số định danh cá nhân',
        tags: ['ho-so'],
        headers: Type.Object(apiHeaders),
        params: Type.Object({ soDinhDanh: PersonalIdParam }),
        response: { 200: RecordAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const record = await options.personnel.byPersonalId(request.params.soDinhDanh);
      const { status, body } = answer('personal_id', record, correlationIdOf(request));
      return reply.code(status).send(body);
    },
  );

  app.get(
    '/api/v1/ho-so',
    {
      schema: {
        summary: 'Xuất toàn bộ hồ sơ, phân trang theo mã định danh quân nhân',
        tags: ['ho-so'],
        headers: Type.Object(apiHeaders),
        querystring: Type.Object({
          sau: Type.Optional(
            Type.String({
              pattern: '^[0-9A-Z]{0,15}$',
              description: 'Last MaDinhDanhQuanNhan of the previous page',
            }),
          ),
          soLuong: Type.Integer({ minimum: 1, maximum: 5000, default: 1000, description: 'Page size' }),
        }),
        response: { 200: ExportPage, ...errorResponses },
      },
    },
    async (request) => {
      const [page, total] = await Promise.all([
        options.personnel.page(request.query.sau ?? '', request.query.soLuong),
        options.personnel.count(),
      ]);
      return { DanhSach: page.items, TiepTheo: page.next, TongSo: total };
    },
  );
};
