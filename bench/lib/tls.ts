import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { CommonErrors, MotlanError } from '@motlan/errors';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One party's mutual-TLS files: the CA it trusts, its certificate and key (PEM). */
export interface TlsFiles {
  caFile: string;
  certFile: string;
  keyFile: string;
}

export interface TlsPem {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

/** The development PKI's folder: MTLS_CERT_DIR as the services read it, or infra/certs/.certs. */
export function devCertDir(env = process.env): string {
  return env['MTLS_CERT_DIR'] ?? join(REPO_ROOT, 'infra/certs/.certs');
}

/** `<dir>/ca.pem`, `<dir>/<name>.pem` and `<dir>/<name>-key.pem`, as infra/certs/generate.sh names them. */
export function devTlsFiles(name: string, dir = devCertDir()): TlsFiles {
  return {
    caFile: join(dir, 'ca.pem'),
    certFile: join(dir, `${name}.pem`),
    keyFile: join(dir, `${name}-key.pem`),
  };
}

export function readTlsFiles(files: TlsFiles): TlsPem {
  return {
    ca: readFileSync(files.caFile),
    cert: readFileSync(files.certFile),
    key: readFileSync(files.keyFile),
  };
}

/**
 * Makes the development CA and certificates (infra/certs/generate.sh is idempotent: it keeps what
 * exists), adding `names` to its default set. Skipped when MTLS_CERT_DIR points elsewhere.
 */
export function ensureDevCertificates(names: string[] = [], env = process.env): void {
  if (env['MTLS_CERT_DIR'] !== undefined) return;
  const run = spawnSync('bash', ['infra/certs/generate.sh', ...names], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (run.status !== 0) {
    throw new MotlanError(
      CommonErrors.unavailable,
      `infra/certs/generate.sh failed (${run.status ?? run.signal}): ${run.stderr || run.stdout}`,
    );
  }
}

/**
 * Channel options for a TLS target given as an IP address: the development certificates name
 * `localhost`, and an IP is not a valid TLS server name (SNI), so check the certificate against
 * `localhost` instead.
 */
export const TLS_CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.ssl_target_name_override': 'localhost',
  'grpc.default_authority': 'localhost',
};

/** Resolves once the channel is connected; rejects after `timeoutMs`. */
export function waitForChannel(client: grpc.Client, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) =>
    client.waitForReady(Date.now() + timeoutMs, (error) => (error ? reject(error) : resolve())),
  );
}

/** A gRPC channel presenting `tls` (mutual TLS), or plaintext when absent. */
export function grpcClient(target: string, tls: TlsFiles | undefined): grpc.Client {
  return new grpc.Client(target, channelCredentials(tls), tls ? TLS_CHANNEL_OPTIONS : {});
}

export function channelCredentials(tls: TlsFiles | undefined): grpc.ChannelCredentials {
  if (!tls) return grpc.credentials.createInsecure();
  const pem = readTlsFiles(tls);
  return grpc.credentials.createSsl(pem.ca, pem.key, pem.cert);
}

/** A gRPC server asking every caller for a certificate from `tls`'s CA (mutual TLS), or plaintext. */
export function serverCredentials(tls: TlsFiles | undefined): grpc.ServerCredentials {
  if (!tls) return grpc.ServerCredentials.createInsecure();
  const pem = readTlsFiles(tls);
  return grpc.ServerCredentials.createSsl(pem.ca, [{ private_key: pem.key, cert_chain: pem.cert }], true);
}
