import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KafkaGrants } from '@motlan/kafka';
import { meshContext, meshServices } from '@motlan/mesh';
import { REPO_ROOT } from '../src/repo-root.ts';
import { migrationPlan } from '../src/setup.ts';
import { workloads } from '../src/workloads.ts';

describe('the deployment’s workloads', () => {
  it('are the mesh’s services (packages/mesh services.ts) with the same folder, ports, TLS and readiness', () => {
    for (const service of meshServices) {
      const workload = workloads.find((w) => w.name === service.name);
      expect(workload, `${service.name} has no workload in infra/deploy/src/workloads.ts`).toBeDefined();
      expect({
        folder: workload!.folder,
        ports: workload!.ports,
        tls: workload!.tls,
        readyPath: workload!.readyPath,
        schemaVariable: workload!.schema.variable,
        kind: workload!.kind,
      }).toEqual({
        folder: service.program.folder,
        ports: service.devPorts,
        tls: service.tls,
        readyPath: service.readyPath,
        schemaVariable: service.schemaVariable,
        kind: service.kind,
      });
    }
  });

  it('call at least whom the mesh wires each service to (so the NetworkPolicies allow every real flow)', () => {
    // Distinct ports per service and kind: a port in a service's environment names its callee.
    const ports = Object.fromEntries(
      meshServices.map((service, index) => [
        service.name,
        { http: 20_000 + index * 10, grpc: 20_001 + index * 10 },
      ]),
    );
    const context = meshContext({ ports, changeFeeds: true });
    for (const service of meshServices) {
      const env = Object.values(service.env(context)).join(' ');
      const wired = meshServices.flatMap((other) =>
        (['http', 'grpc'] as const)
          .filter((kind) => new RegExp(`:${ports[other.name]![kind]}\\b`).test(env))
          .map((kind) => ({ workload: other.name, port: kind })),
      );
      const declared = workloads.find((w) => w.name === service.name)!.calls;
      expect(declared, service.name).toEqual(expect.arrayContaining(wired));
    }
  });

  it('have unique names, Kafka identities with grants, and callees that serve the port called', () => {
    expect(new Set(workloads.map((w) => w.name)).size).toBe(workloads.length);
    for (const workload of workloads) {
      if (workload.kafkaIdentity) expect(Object.keys(KafkaGrants)).toContain(workload.kafkaIdentity);
      for (const call of workload.calls) {
        const callee = workloads.find((w) => w.name === call.workload);
        expect(callee?.ports[call.port], `${workload.name} → ${call.workload}:${call.port}`).toBeDefined();
      }
    }
  });

  it('migrate existing folders, the audit trail’s first, into each service’s schema (a variable set names another)', () => {
    const plan = migrationPlan(REPO_ROOT, { FACT_REGISTRY_SCHEMA: 'registry_elsewhere' });
    expect(plan.map((entry) => [entry.workload, entry.schema])).toEqual([
      ['population-adapter', 'population_adapter'],
      ['military-personnel-adapter', 'military_personnel_adapter'],
      ['fact-registry', 'registry_elsewhere'],
      ['one-stop', 'one_stop'],
    ]);
    for (const entry of plan) {
      expect(entry.dirs[0]).toBe(join(REPO_ROOT, 'packages/access/migrations'));
      for (const dir of entry.dirs) expect(existsSync(dir), dir).toBe(true);
    }
  });
});
