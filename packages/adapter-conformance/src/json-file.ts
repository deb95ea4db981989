import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MotlanError } from '@motlan/errors';
import { ConformanceErrors } from './errors.ts';

/** A JSON file's content, undefined when the file does not exist; MOTLAN_CONFORMANCE_FILE_INVALID when it is not JSON. */
export function readJsonFile(file: string): unknown {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new MotlanError(ConformanceErrors.fileInvalid, `${file} is not JSON: ${(error as Error).message}`);
  }
}

/** Writes `value` as pretty JSON (a file meant to be reviewed in a diff), creating the folder. */
export function writeJsonFile(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, 'utf8');
}
