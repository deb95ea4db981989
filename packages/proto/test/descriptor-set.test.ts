import { describe, expect, it } from 'vitest';
import descriptor from 'protobufjs/ext/descriptor/index.js';
import { fileDescriptorProtos, listProtoFiles, reflectionDefinition } from '../src/index.ts';

interface FileDescriptor {
  name: string;
  dependency: string[];
  messageType: { name: string; field: { name: string; jsonName: string }[] }[];
}

const files = fileDescriptorProtos().map(
  (bytes) =>
    descriptor.FileDescriptorProto.toObject(descriptor.FileDescriptorProto.decode(bytes), {
      arrays: true,
    }) as FileDescriptor,
);

describe('the compiled descriptor set (pnpm proto:gen)', () => {
  it('holds every proto file under protos/ under its import path, and what they import', () => {
    const names = files.map((file) => file.name);
    expect(names).toEqual(expect.arrayContaining(listProtoFiles()));
    expect(names).toContain('google/protobuf/any.proto');
    // Dependencies come before their dependants, so a reader can link the files in order.
    for (const [index, file] of files.entries()) {
      for (const dependency of file.dependency)
        expect(names.indexOf(dependency), file.name).toBeLessThan(index);
    }
  });

  it('keeps the real import list and the proto field names', () => {
    const population = files.find((file) => file.name === 'motlan/population/v1/population_service.proto')!;
    expect(population.dependency).toEqual([
      'motlan/adapter/v1/source_adapter.proto',
      'motlan/common/v1/fact.proto',
    ]);
    const response = population.messageType.find((message) => message.name === 'VerifyCitizenResponse')!;
    expect(response.field.map((field) => field.name)).toContain('citizen_found');
    expect(response.field.map((field) => field.jsonName)).toContain('citizenFound');
  });

  it('gives reflection the compiler’s own bytes for every message and enum', () => {
    const exact = fileDescriptorProtos();
    const entries = Object.values(reflectionDefinition()).filter((entry) => 'fileDescriptorProtos' in entry);
    expect(entries.length).toBeGreaterThan(30);
    const same = (files: Buffer[]) =>
      files.length === exact.length && files.every((bytes, index) => bytes.equals(exact[index]!));
    for (const entry of entries) {
      expect(same((entry as { fileDescriptorProtos: Buffer[] }).fileDescriptorProtos)).toBe(true);
    }
  });
});
