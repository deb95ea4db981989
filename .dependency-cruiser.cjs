/**
 * Architecture rules the build enforces (pnpm lint):
 * packages are libraries below services; services never import one another; a domain/ folder is
 * pure; infra/ scripts and bench/ use packages only; no cycles.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Layers only import downward.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'packages-never-import-services',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^(services|infra/simulators)/' },
    },
    {
      name: 'services-never-import-each-other',
      severity: 'error',
      comment: 'Services talk through gRPC, REST or Kafka, never by import.',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/([^/]+)/', pathNot: '^services/$1/' },
    },
    {
      name: 'simulators-stand-alone',
      severity: 'error',
      comment: 'Simulators stand in for systems we do not own; they never import our services.',
      from: { path: '^infra/simulators/' },
      to: { path: '^services/' },
    },
    {
      name: 'bench-imports-packages-only',
      severity: 'error',
      comment:
        'Benches drive the mesh from outside, as a client would: they import packages/* only, never a ' +
        "service's or infra's source (they start those as processes).",
      from: { path: '^bench/' },
      to: { path: '^(services|infra|tests)/' },
    },
    {
      name: 'only-proto-reads-protos',
      severity: 'error',
      from: { pathNot: '^packages/proto/' },
      to: { path: '^protos/' },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        "A domain/ folder (a service's, a simulator's) holds pure logic: no transport, storage or upstream client.",
      from: { path: '^(services|infra/simulators)/[^/]+/src/domain/' },
      to: { path: '^(services|infra/simulators)/[^/]+/src/(http|grpc|events|upstream|store|mesh|cli|auth)/' },
    },
    {
      name: 'domain-uses-no-io-library',
      severity: 'error',
      comment: 'Pure logic reaches PostgreSQL, Kafka, HTTP and gRPC only through the layers above it.',
      from: { path: '^(services|infra/simulators|packages)/[^/]+/src/domain/' },
      to: { path: 'node_modules/(pg|kafkajs|fastify|@fastify/[^/]+|@grpc/[^/]+|undici|opossum)/' },
    },
    {
      name: 'infra-tools-stay-outside-services',
      severity: 'error',
      comment:
        "Scripts under infra/ (dev, kafka, policies) start and configure services; they use packages/*, never a service's or a simulator's code.",
      from: { path: '^infra/(?!simulators/)' },
      to: { path: '^(services|infra/simulators)/[^/]+/src/' },
    },
    {
      name: 'simulators-meet-at-their-entry',
      severity: 'error',
      comment:
        "A simulator seeded from another's data (military personnel from the population) uses that simulator's package entry (its published record shape), never its internals; shared plumbing lives in packages/simulator-kit.",
      from: { path: '^infra/simulators/([^/]+)/' },
      to: {
        path: '^infra/simulators/([^/]+)/',
        pathNot: ['^infra/simulators/$1/', '^infra/simulators/[^/]+/src/index\\.ts$'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|\\.runtime|\\.data|/dist/)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@motlan/source', 'import', 'default'],
    },
  },
};
