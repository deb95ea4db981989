import { factType, isKnownFactType } from '@motlan/domain';
import { MotlanError } from '@motlan/errors';
import { OneStopErrors } from '../errors.ts';
import type { Procedure } from './procedure.ts';

export interface ProcedureFilter {
  field?: string | undefined;
  level?: string | undefined;
  /** Matches code or name, ignoring case and diacritics. */
  q?: string | undefined;
}

const IDENTITY = ['identity.full_name', 'identity.date_of_birth'];

const fold = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replaceAll('đ', 'd').replaceAll('Đ', 'D').toLowerCase();

/** The procedures the one-stop shop receives dossiers for (data/procedures.json). */
export class ProcedureCatalog {
  private readonly byCode: Map<string, Procedure>;

  constructor(readonly procedures: readonly Procedure[]) {
    this.byCode = new Map(procedures.map((procedure) => [procedure.code, procedure]));
    if (this.byCode.size !== procedures.length) throw new TypeError('procedure codes must be unique');
    for (const procedure of procedures) {
      const types = [
        ...procedure.requiredFacts,
        ...procedure.documents.flatMap((document) => document.replacedBy ?? []),
      ];
      // The applicant's name and date of birth are verified for the procedure's purpose.
      if (!IDENTITY.every((type) => procedure.requiredFacts.includes(type))) {
        throw new TypeError(`${procedure.code}: must require ${IDENTITY.join(' and ')}`);
      }
      const unknown = types.find((type) => !isKnownFactType(type));
      if (unknown) throw new TypeError(`${procedure.code}: unknown fact type ${unknown}`);
      const stray = procedure.documents
        .flatMap((document) => document.replacedBy ?? [])
        .find((type) => !procedure.requiredFacts.includes(type));
      if (stray) throw new TypeError(`${procedure.code}: a document is replaced by ${stray}, not required`);
      checkResultTemplate(procedure);
    }
  }

  list(filter: ProcedureFilter = {}): Procedure[] {
    const q = filter.q ? fold(filter.q) : undefined;
    return this.procedures.filter(
      (procedure) =>
        (!filter.field || fold(procedure.field) === fold(filter.field)) &&
        (!filter.level || procedure.level === filter.level) &&
        (!q || procedure.code.includes(q) || fold(procedure.name).includes(q)),
    );
  }

  /** The Vietnamese name, or the code itself for a procedure no longer in the catalog. */
  nameOf(code: string): string {
    return this.byCode.get(code)?.name ?? code;
  }

  get(code: string, field = 'procedureCode'): Procedure {
    const procedure = this.byCode.get(code);
    if (!procedure) {
      throw new MotlanError(
        OneStopErrors.unknownProcedure,
        `No procedure ${JSON.stringify(code).slice(0, 40)} in the catalog`,
        {
          field,
        },
      );
    }
    return procedure;
  }
}

/** The officer can only give properties the result's type has; a named source must be one of its authorities. */
function checkResultTemplate(procedure: Procedure): void {
  const template = procedure.resultFact;
  if (!template) return;
  const definition = factType(template.type);
  const properties = Object.keys((definition.schema as { properties?: object }).properties ?? {});
  const unknown = template.officerGives?.find((name) => !properties.includes(name));
  if (unknown) throw new TypeError(`${procedure.code}: ${template.type} has no property ${unknown}`);
  if (template.sourceSystem && !definition.authoritativeSources.includes(template.sourceSystem)) {
    throw new TypeError(`${procedure.code}: ${template.sourceSystem} is no authority for ${template.type}`);
  }
}
