import type { AdministrativeUnits } from '@motlan/admin-units';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { problemResponses, ProblemRef, Type, type HttpApp } from '@motlan/http';

const UnitSchema = Type.Object({ code: Type.String(), name: Type.String() }, { $id: 'AdminUnit' });
const UnitRef = Type.Ref('AdminUnit');
const Nullable = (schema: ReturnType<typeof Type.Ref>) => Type.Union([schema, Type.Null()]);

const answer = {
  200: Type.Object({
    code: Type.String(),
    /** The unit this code named before the reorganisation, if any. */
    legacy: Nullable(UnitRef),
    /** The unit this code names today, if any. */
    current: Nullable(UnitRef),
    /** For a legacy code: the current unit it became (part of). */
    becamePartOf: Nullable(UnitRef),
    /** For a current code: the legacy units it was made of. */
    madeOf: Type.Array(UnitRef),
    effectiveFrom: Type.String({ format: 'date', description: 'The reorganisation took effect: 2025-07-01' }),
  }),
  401: ProblemRef,
  ...problemResponses,
};

/**
 * The administrative units either side of the 1 July 2025 reorganisation, for clients that hold
 * addresses: a legacy code → the current unit, and a current code → the legacy units it was made
 * of (`@motlan/admin-units`). Reference data, no personal data.
 */
export function registerAdminUnitRoutes(app: HttpApp, units: AdministrativeUnits): void {
  app.addSchema(UnitSchema);
  const tags = ['administrative units'];
  const notFound = (kind: string, code: string) =>
    new MotlanError(
      CommonErrors.notFound,
      `No ${kind} has code ${code}, before or after the reorganisation`,
      {
        field: 'code',
      },
    );

  app.get(
    '/v1/admin-units/provinces/:code',
    {
      // Reference data, naming no citizen: open like the procedure catalog.
      config: { public: true },
      schema: {
        tags,
        summary: 'A province code before and after the 2025 reorganisation (e.g. 74 Bình Dương → 79)',
        params: Type.Object({ code: Type.String({ pattern: '^[0-9]{2}$' }) }),
        response: answer,
      },
    },
    async (request) => {
      const { code } = request.params;
      const legacy = units.legacyProvince(code) ?? null;
      const current = units.currentProvince(code) ?? null;
      if (legacy === null && current === null) throw notFound('province', code);
      return {
        code,
        legacy,
        current,
        becamePartOf: legacy === null ? null : (units.currentProvinceOf(code) ?? null),
        madeOf: current === null ? [] : units.legacyProvincesOf(code),
        effectiveFrom: units.reorganisation.effectiveDate,
      };
    },
  );

  app.get(
    '/v1/admin-units/wards/:code',
    {
      // Reference data, naming no citizen: open like the procedure catalog.
      config: { public: true },
      schema: {
        tags,
        summary: 'A ward/commune code before and after the 2025 reorganisation',
        params: Type.Object({ code: Type.String({ pattern: '^[0-9]{5}$' }) }),
        response: answer,
      },
    },
    async (request) => {
      const { code } = request.params;
      const unit = (ward: { code: string; name: string } | undefined) =>
        ward === undefined ? null : { code: ward.code, name: ward.name };
      const legacy = unit(units.legacyWard(code));
      const current = unit(units.currentWard(code));
      if (legacy === null && current === null) throw notFound('ward', code);
      return {
        code,
        legacy,
        current,
        becamePartOf: unit(units.currentWardOf(code)),
        madeOf:
          current === null
            ? []
            : units.legacyWardsOf(code).map((ward) => ({ code: ward.code, name: ward.name })),
        effectiveFrom: units.reorganisation.effectiveDate,
      };
    },
  );
}
