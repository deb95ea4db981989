/**
 * The compose file checked against the Compose Specification's JSON schema (vendored:
 * infra/deploy/schemas/compose-spec.json, see its README) with ajv, plus what the schema cannot
 * say: every service a `depends_on` names exists, every secret a service mounts is declared.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { DEPLOY_ROOT } from '../../src/repo-root.ts';

const schema = JSON.parse(readFileSync(join(DEPLOY_ROOT, 'schemas/compose-spec.json'), 'utf8')) as Record<
  string,
  unknown
>;
// Draft-07, ajv's default, which ajv names by another URL. Formats of Compose's own (`duration`,
// ...) are not for ajv to judge.
delete schema['$schema'];
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validate = ajv.compile(schema);

type Compose = { services?: Record<string, { depends_on?: unknown; secrets?: unknown[] }>; secrets?: object };

/** What is wrong with a compose file (parsed); empty when valid. */
export function validateCompose(compose: unknown): string[] {
  if (!validate(compose)) {
    return (validate.errors ?? []).map(
      (error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
    );
  }
  const file = compose as Compose;
  const services = file.services ?? {};
  const declaredSecrets = new Set(Object.keys(file.secrets ?? {}));
  const errors: string[] = [];
  for (const [name, service] of Object.entries(services)) {
    const dependencies = Array.isArray(service.depends_on)
      ? (service.depends_on as string[])
      : Object.keys((service.depends_on as object | undefined) ?? {});
    for (const dependency of dependencies) {
      if (!(dependency in services))
        errors.push(`/services/${name}/depends_on names no service ${dependency}`);
    }
    for (const secret of service.secrets ?? []) {
      const source = typeof secret === 'string' ? secret : (secret as { source: string }).source;
      if (!declaredSecrets.has(source))
        errors.push(`/services/${name}/secrets names no declared secret ${source}`);
    }
  }
  return errors;
}
