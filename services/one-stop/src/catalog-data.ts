import { readFileSync } from 'node:fs';
import { Type, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { ProcedureCatalog } from './domain/procedure-catalog.ts';
import { ProcedureSchema } from './domain/procedure.ts';
import { WorkingCalendar, type HolidayYear } from './domain/working-calendar.ts';

const DATA = new URL('../data/', import.meta.url);

const CatalogFile = Type.Object({ procedures: Type.Array(ProcedureSchema) });
const HolidaysFile = Type.Object({
  years: Type.Array(
    Type.Object({
      year: Type.Integer(),
      decision: Type.String({ minLength: 1 }),
      holidays: Type.Array(Type.Object({ date: Type.String({ format: 'date' }), name: Type.String() })),
      workingWeekends: Type.Array(
        Type.Object({ date: Type.String({ format: 'date' }), name: Type.String() }),
      ),
    }),
  ),
});

function readChecked<T>(name: string, schema: TSchema): T {
  const json = JSON.parse(readFileSync(new URL(name, DATA), 'utf8')) as unknown;
  if (!Value.Check(schema, json)) {
    const first = [...Value.Errors(schema, json)][0];
    throw new TypeError(`data/${name} is invalid at ${first?.instancePath ?? '/'}: ${first?.message ?? ''}`);
  }
  return json as T;
}

/** The procedure catalog from data/procedures.json, checked against its schema and the fact catalog. */
export function loadProcedureCatalog(): ProcedureCatalog {
  return new ProcedureCatalog(
    readChecked<{ procedures: ProcedureCatalog['procedures'] }>('procedures.json', CatalogFile).procedures,
  );
}

/** Working days: the official decisions of data/holidays.json over the Labour Code's rules. */
export function loadWorkingCalendar(): WorkingCalendar {
  return new WorkingCalendar(readChecked<{ years: HolidayYear[] }>('holidays.json', HolidaysFile).years);
}
