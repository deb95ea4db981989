/**
 * Offline validation of Kubernetes manifests: kustomize (built from its Go module into .tools/bin
 * by infra/deploy/scripts/install-kustomize.sh) renders an overlay; each document is checked
 * against the Kubernetes API's schemas (npm kubernetes-models) or, for the operators' custom
 * resources, against their CRD's vendored openAPIV3Schema (infra/deploy/schemas) with ajv.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { DEPLOY_ROOT, REPO_ROOT } from '../../src/repo-root.ts';

export const KUSTOMIZE = join(REPO_ROOT, '.tools/bin/kustomize');

export interface Document {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  [field: string]: unknown;
}

/** `kustomize build <dir>`'s documents; throws with kustomize's message when it fails. */
export function kustomizeBuild(dir: string): Document[] {
  if (!existsSync(KUSTOMIZE)) {
    throw new Error(
      `${KUSTOMIZE} is missing: run bash infra/deploy/scripts/install-kustomize.sh (./dev setup does)`,
    );
  }
  const output = execFileSync(KUSTOMIZE, ['build', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return parseYamlDocuments(output);
}

export function parseYamlDocuments(text: string): Document[] {
  return parseAllDocuments(text)
    .map((document) => document.toJS() as Document | null)
    .filter((document): document is Document => document !== null);
}

type Model = new (data: never) => { validate(): void };

/** The Kubernetes kinds the manifests use, by `apiVersion/kind`. */
const BUILT_IN: Record<string, Model> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

/**
 * Closes every object schema that lists its properties (no `additionalProperties`, no
 * `x-kubernetes-preserve-unknown-fields`): an API server with strict field validation (kubectl's
 * default) rejects an unknown field there, where a plain JSON schema would let it pass.
 */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    copy[key] =
      key === 'properties'
        ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, closed(v)]))
        : closed(value);
  }
  if (
    copy['properties'] !== undefined &&
    copy['additionalProperties'] === undefined &&
    copy['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    copy['additionalProperties'] = false;
  }
  return copy;
}

function loadCrdValidators(): Map<string, ValidateFunction> {
  // The CRD schemas carry Kubernetes' own keywords (x-kubernetes-*): not for ajv to judge.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  // OpenAPI's numeric formats, as the API server checks them.
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  const validators = new Map<string, ValidateFunction>();
  const dir = join(DEPLOY_ROOT, 'schemas/crds');
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
    const { group, version, kind } = schema['x-motlan-crd'] as {
      group: string;
      version: string;
      kind: string;
    };
    delete schema['x-motlan-crd'];
    validators.set(`${group}/${version}/${kind}`, ajv.compile(closed(schema) as object));
  }
  return validators;
}

let crdValidators: Map<string, ValidateFunction> | undefined;

/** What is wrong with one document (empty when valid); a kind without a schema is wrong too. */
export function validateDocument(document: Document): string[] {
  const key = `${document.apiVersion}/${document.kind}`;
  const where = `${key} ${document.metadata?.name ?? '(no name)'}`;
  const model = BUILT_IN[key];
  if (model) {
    try {
      new model(document as never).validate();
      return [];
    } catch (error) {
      return [`${where}: ${(error as Error).message}`];
    }
  }
  crdValidators ??= loadCrdValidators();
  const validate = crdValidators.get(key);
  if (!validate) return [`${where}: no schema to validate it against`];
  if (validate(document)) return [];
  return (validate.errors ?? []).map(
    (error) =>
      `${where}: ${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
  );
}

export function validateDocuments(documents: readonly Document[]): string[] {
  return documents.flatMap(validateDocument);
}
