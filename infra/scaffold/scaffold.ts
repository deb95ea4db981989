/**
 * What `pnpm create-adapter <name>` writes, decided before anything is written: the files of a
 * new adapter and of its upstream's simulator (from `templates/`), and the entries it adds to the
 * shared lists (the mesh's services, Kafka grants, certificate names, the access policy). A name
 * that is malformed or taken is refused here, so a refusal changes nothing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { CommonErrors, MotlanError } from '@motlan/errors';

/** The templates: `adapter/` → `services/<name>-adapter/`, `simulator/` → `infra/simulators/<name>-db/`, `mesh/` the list entries. */
export const TEMPLATES_DIR = join(import.meta.dirname, 'templates');

/** The shared files the scaffold adds entries to, each at its `create-adapter:` marker (policy: a JSON key). */
export const SharedFiles = {
  services: 'packages/mesh/src/services.ts',
  kafkaGrants: 'packages/kafka/src/topic-access.ts',
  certificates: 'infra/certs/generate.sh',
  accessPolicy: 'infra/policies/access-policy.json',
} as const;

const Markers = {
  services: '// create-adapter: new services above this line',
  list: '  // create-adapter: new list entries above this line.',
  jobs: '  // create-adapter: new jobs above this line.',
  kafkaGrants: "  // create-adapter: new adapters' grants above this line.",
  certificates: '# create-adapter: new certificate names above this line.',
} as const;

/** kebab-case words, a letter first: it becomes a folder, a package, a certificate and a TypeScript name. */
const NAME_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const MAX_NAME_LENGTH = 40;

/** Every spelling of one adapter's name that the templates use (`__key__` in a template). */
export interface AdapterNames {
  /** `land-registry` */
  name: string;
  /** `LandRegistry` */
  Name: string;
  /** `landRegistry` */
  camel: string;
  /** `LAND_REGISTRY`: the prefix of its environment variables */
  PFX: string;
  /** `land_registry`: schemas and metrics */
  snake: string;
  /** `Land registry`: prose */
  title: string;
  /** `LANDREGISTRYDB`: the simulator's error-code prefix (`<CODE>_SIM_...`, letters only, as the error catalogue requires) */
  CODE: string;
}

export interface Ports {
  simPort: number;
  httpPort: number;
  grpcPort: number;
}

function refuse(message: string): never {
  throw new MotlanError(CommonErrors.validation, message, { field: 'name' });
}

/** The name's spellings; refuses (MOTLAN_VALIDATION_FAILED, field `name`) a name that cannot be one. */
export function namesFor(name: string): AdapterNames {
  if (!NAME_PATTERN.test(name)) {
    refuse(
      `"${name}" is not a name for an adapter: lower-case letters and digits in words joined by "-", ` +
        'starting with a letter (e.g. land-registry)',
    );
  }
  if (name.length > MAX_NAME_LENGTH) refuse(`"${name}" is longer than ${MAX_NAME_LENGTH} characters`);
  if (/-(adapter|db)$/.test(name)) {
    refuse(`"${name}" ends in -adapter or -db; give the upstream's name (the scaffold adds those endings)`);
  }
  const words = name.split('-');
  const capital = (word: string) => word[0]!.toUpperCase() + word.slice(1);
  return {
    name,
    Name: words.map(capital).join(''),
    camel: words[0]! + words.slice(1).map(capital).join(''),
    PFX: words.join('_').toUpperCase(),
    snake: words.join('_'),
    title: capital(words.join(' ')),
    CODE: `${name.replace(/[^a-z]/g, '').toUpperCase()}DB`,
  };
}

/** `__key__` → its value; refuses a template that names an unknown key. */
export function render(
  template: string,
  values: Readonly<Record<string, string | number>>,
  file: string,
): string {
  return template.replace(/__([A-Za-z]+)__/g, (_match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${file}: unknown template key __${key}__`);
    return String(value);
  });
}

/**
 * Development ports for the new pair, after those `pnpm start` already gives: the simulator the
 * next one after the simulators' (70xx), the adapter the next hundred after the services' (HTTP
 * x00, gRPC x01).
 */
export function nextPorts(servicesSource: string): Ports {
  const ports = [...servicesSource.matchAll(/devPorts: \{ http: (\d+)(?:, grpc: (\d+))? \}/g)].flatMap(
    (match) => [match[1], match[2]].filter((port) => port !== undefined).map(Number),
  );
  const simulators = ports.filter((port) => port < 7100);
  const services = ports.filter((port) => port >= 7100);
  const httpPort = Math.floor(Math.max(7000, ...services) / 100) * 100 + 100;
  return { simPort: Math.max(7036, ...simulators) + 1, httpPort, grpcPort: httpPort + 1 };
}

export interface PlannedFile {
  /** Relative to the repository root. */
  path: string;
  content: string;
}

export interface ScaffoldPlan {
  names: AdapterNames;
  ports: Ports;
  /** New files; none exists yet. */
  files: PlannedFile[];
  /** Shared files with their new content. */
  edits: PlannedFile[];
}

function templateFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? templateFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** The `<PREFIX>` of every simulator's `<PREFIX>_SIM_...` error codes. */
function simulatorCodePrefixes(root: string): Set<string> {
  const prefixes = new Set<string>();
  for (const simulator of readdirSync(join(root, 'infra/simulators'))) {
    const file = join(root, 'infra/simulators', simulator, 'src/errors.ts');
    if (!existsSync(file)) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(/code: '([A-Z]+)_SIM_/g)) prefixes.add(match[1]!);
  }
  return prefixes;
}

function insertAt(source: string, marker: string, text: string, file: string): string {
  const at = source.indexOf(marker);
  if (at === -1 || source.indexOf(marker, at + 1) !== -1) {
    throw new Error(`${file}: the marker "${marker.trim()}" must appear exactly once`);
  }
  return source.slice(0, at) + text + source.slice(at);
}

/**
 * Everything `create-adapter <name>` would write in the repository at `root`, without writing.
 * Refuses a malformed name, and a taken one: its folders exist, or the service list, the Kafka
 * grants, the certificate names or the access policy already know its adapter or simulator.
 */
export function planAdapter(root: string, name: string): ScaffoldPlan {
  const names = namesFor(name);
  const adapterId = `${name}-adapter`;
  const simulatorId = `${name}-db`;
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  const services = read(SharedFiles.services);
  const grants = read(SharedFiles.kafkaGrants);
  const certificates = read(SharedFiles.certificates);
  const policyText = read(SharedFiles.accessPolicy);
  const policy = JSON.parse(policyText) as { clients: Record<string, unknown> };

  const adapterDir = `services/${adapterId}`;
  const simulatorDir = `infra/simulators/${simulatorId}`;
  const taken = [
    existsSync(join(root, adapterDir)) && `${adapterDir} exists`,
    existsSync(join(root, simulatorDir)) && `${simulatorDir} exists`,
    (services.includes(`'${adapterId}'`) || services.includes(`'${simulatorId}'`)) &&
      `${SharedFiles.services} already lists it`,
    grants.includes(`'${adapterId}'`) && `${SharedFiles.kafkaGrants} already grants ${adapterId}`,
    new RegExp(`(^|[\\s(])${adapterId}([\\s)]|$)`, 'm').test(certificates) &&
      `${SharedFiles.certificates} already names ${adapterId}`,
    Object.hasOwn(policy.clients, adapterId) &&
      `${SharedFiles.accessPolicy} already has a client ${adapterId}`,
    simulatorCodePrefixes(root).has(names.CODE) &&
      `another simulator's error codes start with ${names.CODE}_SIM_`,
  ].filter((reason): reason is string => typeof reason === 'string');
  if (taken.length > 0) refuse(`"${name}" is taken: ${taken.join('; ')}`);

  const ports = nextPorts(services);
  const values = { ...names, ...ports };
  const fromTemplates = (folder: string, target: string): PlannedFile[] =>
    templateFiles(join(TEMPLATES_DIR, folder)).map((file) => {
      const relativePath = relative(join(TEMPLATES_DIR, folder), file).replace(/\.tmpl$/, '');
      return {
        path: join(target, render(relativePath, values, file)),
        content: render(readFileSync(file, 'utf8'), values, file),
      };
    });
  const snippet = (file: string) =>
    render(readFileSync(join(TEMPLATES_DIR, 'mesh', file), 'utf8'), values, file);

  let servicesEdited = insertAt(
    services,
    Markers.services,
    snippet('services.ts.tmpl'),
    SharedFiles.services,
  );
  servicesEdited = insertAt(
    servicesEdited,
    Markers.list,
    snippet('services-list.ts.tmpl'),
    SharedFiles.services,
  );
  servicesEdited = insertAt(servicesEdited, Markers.jobs, snippet('jobs.ts.tmpl'), SharedFiles.services);
  policy.clients[adapterId] = {
    description: `The ${names.title} adapter (generated): reads nothing from the registry; listed so its identity is known`,
    purposes: {},
  };
  return {
    names,
    ports,
    files: [...fromTemplates('adapter', adapterDir), ...fromTemplates('simulator', simulatorDir)],
    edits: [
      { path: SharedFiles.services, content: servicesEdited },
      {
        path: SharedFiles.kafkaGrants,
        content: insertAt(
          grants,
          Markers.kafkaGrants,
          snippet('kafka-grant.ts.tmpl'),
          SharedFiles.kafkaGrants,
        ),
      },
      {
        path: SharedFiles.certificates,
        content: insertAt(
          certificates,
          Markers.certificates,
          snippet('certificate.sh.tmpl'),
          SharedFiles.certificates,
        ),
      },
      { path: SharedFiles.accessPolicy, content: `${JSON.stringify(policy, null, 2)}\n` },
    ],
  };
}

/**
 * Writes a plan: the new files (refusing to overwrite one), then the shared files' new content.
 * If any write fails, what was written is removed and the shared files restored.
 */
export function writePlan(root: string, plan: ScaffoldPlan): void {
  const originals = new Map(
    plan.edits.map((edit) => [edit.path, readFileSync(join(root, edit.path), 'utf8')]),
  );
  try {
    for (const file of plan.files) {
      const path = join(root, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content, { flag: 'wx' });
    }
    for (const edit of plan.edits) writeFileSync(join(root, edit.path), edit.content);
  } catch (error) {
    // planAdapter saw neither folder, so everything in them is this attempt's.
    for (const folder of [`services/${plan.names.name}-adapter`, `infra/simulators/${plan.names.name}-db`]) {
      rmSync(join(root, folder), { recursive: true, force: true });
    }
    for (const [path, content] of originals) writeFileSync(join(root, path), content);
    throw error;
  }
}
