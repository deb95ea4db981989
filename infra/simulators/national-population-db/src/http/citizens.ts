import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemRef } from '@motlan/http';
import { Counter, type Registry } from 'prom-client';
import { Type } from 'typebox';
import { MaLoi, MoTaLoi } from '../definitions.ts';
import { fullName, normaliseName } from '../domain/record.ts';
import type { CitizensStore } from '../store/citizens-store.ts';
import { requestIdOf } from './api-guard.ts';
import {
  officerHeader,
  optionalOfficerHeader,
  PersonalIdParam,
  RecordRef,
  signedHeaders,
  UpstreamErrorRef,
} from './schemas.ts';

export interface CitizensRoutesOptions {
  citizens: CitizensStore;
  registry: Registry;
}

const errorResponses = {
  400: ProblemRef,
  401: ProblemRef,
  404: UpstreamErrorRef,
  503: UpstreamErrorRef,
} as const;

const LookupBody = Type.Object({
  SoDinhDanh: PersonalIdParam,
  HoVaTen: Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'Họ và tên đầy đủ, ví dụ "Nguyễn Văn An"',
  }),
  NgayThangNamSinh: Type.String({ pattern: '^\\d{8}$', description: 'yyyyMMdd' }),
});

const LookupAnswer = Type.Object({
  MaYeuCau: Type.String(),
  KetQua: Type.Union([RecordRef, Type.Null()]),
  MaLoi: Type.Optional(
    Type.String({ description: 'THONG_TIN_KHONG_KHOP khi họ tên hoặc ngày sinh không khớp' }),
  ),
  MoTaLoi: Type.Optional(Type.String()),
});

const RecordAnswer = Type.Object({ MaYeuCau: Type.String(), KetQua: RecordRef });

const ExportPage = Type.Object({
  items: Type.Array(RecordRef),
  next: Type.Union([Type.String(), Type.Null()], {
    description: 'Pass as `after` for the next page; null at the end',
  }),
  total: Type.Integer({ description: 'Number of citizens in the database' }),
});

/** Citizen lookups (service 037), record retrieval and the full export. */
export const citizensRoutes: FastifyPluginAsyncTypebox<CitizensRoutesOptions> = async (app, options) => {
  const lookups = new Counter({
    name: 'npdb_sim_lookups_total',
    help: 'Service 037 lookups by result',
    labelNames: ['result'],
    registers: [options.registry],
  });

  app.post(
    '/api/v1/citizens/lookup',
    {
      schema: {
        summary: 'Tra cứu, xác thực thông tin công dân (dịch vụ 037)',
        description:
          'Returns the record when the ID exists and both the full name (exact after trimming and collapsing spaces) and the date of birth match.',
        tags: ['citizens'],
        headers: Type.Object({ ...signedHeaders, ...officerHeader }),
        body: LookupBody,
        response: { 200: LookupAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const MaYeuCau = requestIdOf(request);
      const record = await options.citizens.get(request.body.SoDinhDanh);
      if (!record) {
        lookups.inc({ result: 'not_found' });
        return reply.code(404).send({ MaYeuCau, MaLoi: MaLoi.notFound, MoTaLoi: MoTaLoi.notFound });
      }
      const matches =
        normaliseName(request.body.HoVaTen) === fullName(record.HoVaTen) &&
        request.body.NgayThangNamSinh === record.NgayThangNamSinh;
      lookups.inc({ result: matches ? 'match' : 'mismatch' });
      if (!matches) return { MaYeuCau, KetQua: null, MaLoi: MaLoi.mismatch, MoTaLoi: MoTaLoi.mismatch };
      return { MaYeuCau, KetQua: record };
    },
  );

  app.get(
    '/api/v1/citizens/:soDinhDanh',
    {
      schema: {
        summary: 'Lấy bản ghi công dân theo số định danh (chia sẻ dữ liệu)',
        tags: ['citizens'],
        headers: Type.Object({ ...signedHeaders, ...officerHeader }),
        params: Type.Object({ soDinhDanh: PersonalIdParam }),
        response: { 200: RecordAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const MaYeuCau = requestIdOf(request);
      const record = await options.citizens.get(request.params.soDinhDanh);
      if (!record)
        return reply.code(404).send({ MaYeuCau, MaLoi: MaLoi.notFound, MoTaLoi: MoTaLoi.notFound });
      return { MaYeuCau, KetQua: record };
    },
  );

  app.get(
    '/api/v1/citizens',
    {
      schema: {
        summary: 'Xuất toàn bộ, phân trang theo số định danh (đồng bộ hàng loạt)',
        tags: ['citizens'],
        headers: Type.Object({ ...signedHeaders, ...optionalOfficerHeader }),
        querystring: Type.Object({
          after: Type.Optional(
            Type.String({ pattern: '^(\\d{12})?$', description: 'Last SoDinhDanh of the previous page' }),
          ),
          limit: Type.Integer({ minimum: 1, maximum: 5000, default: 1000 }),
        }),
        response: { 200: ExportPage, ...errorResponses },
      },
    },
    async (request) => {
      const [page, total] = await Promise.all([
        options.citizens.page(request.query.after ?? '', request.query.limit),
        options.citizens.count(),
      ]);
      return { items: page.items, next: page.next, total };
    },
  );
};
