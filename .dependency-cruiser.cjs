/**
 * Architecture rules the build enforces (pnpm lint):
 * packages are libraries below services; services never import one another; no cycles.
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
      comment: "A service's domain/ folder holds pure logic: no transport imports.",
      from: { path: '^services/[^/]+/src/domain/' },
      to: { path: '^services/[^/]+/src/(http|grpc|events)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|\\.runtime|\\.data)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'default'] },
  },
};
