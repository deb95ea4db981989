import envSchema from 'env-schema';
import type { Static, TObject } from 'typebox';
import { CommonErrors, MotlanError } from '@motlan/errors';

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/**
 * Validates the environment against a schema and returns the typed config. Every bad or
 * missing variable is named in one error, so an operator fixes them all in one go.
 */
export function loadConfig<S extends TObject>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): Static<S> {
  try {
    // env-schema mutates the schema it is given (additionalProperties); keep the caller's intact.
    return envSchema({ schema: structuredClone(schema), data: { ...env }, dotenv: false }) as Static<S>;
  } catch (error) {
    const issues = ((error as { errors?: AjvIssue[] }).errors ?? []).map(describeIssue);
    const names = issues.map((issue) => issue.name);
    throw new MotlanError(
      CommonErrors.config,
      `Invalid configuration: ${issues.map((issue) => issue.text).join('; ')}`,
      { field: names.join(','), cause: error },
    );
  }
}

function describeIssue(issue: AjvIssue): { name: string; text: string } {
  if (issue.keyword === 'required') {
    const name = String(issue.params['missingProperty']);
    return { name, text: `${name} is required` };
  }
  const name = issue.instancePath.replace(/^\//, '');
  return { name, text: `${name} ${issue.message ?? 'is invalid'}` };
}
