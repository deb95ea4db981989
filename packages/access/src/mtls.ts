import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { MotlanError } from '@motlan/errors';
import { grpc } from '@motlan/grpc';
import { AccessErrors } from './errors.ts';

/** One party's mutual-TLS material: the CA it trusts, its certificate and key. */
export interface TlsMaterial {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

/** Reads `<dir>/ca.pem`, `<dir>/<name>.pem` and `<dir>/<name>-key.pem` (see infra/certs/generate.sh). */
export function loadTlsMaterial(dir: string, name: string): TlsMaterial {
  return {
    ca: readFileSync(join(dir, 'ca.pem')),
    cert: readFileSync(join(dir, `${name}.pem`)),
    key: readFileSync(join(dir, `${name}-key.pem`)),
  };
}

/** Server side: only callers presenting a certificate from our CA get through the handshake. */
export function grpcServerCredentials(material: TlsMaterial): grpc.ServerCredentials {
  return grpc.ServerCredentials.createSsl(
    material.ca,
    [{ private_key: material.key, cert_chain: material.cert }],
    true,
  );
}

export function grpcChannelCredentials(material: TlsMaterial): grpc.ChannelCredentials {
  return grpc.credentials.createSsl(material.ca, material.key, material.cert);
}

/**
 * Fastify `https` options asking for a client certificate from our CA. The handshake lets a
 * client without one through so /health, /metrics and /docs stay reachable; API routes then
 * refuse it (`httpClientIdentity` answers UNAUTHENTICATED unless the certificate verified).
 */
export function httpsServerOptions(material: TlsMaterial) {
  return {
    ca: material.ca,
    cert: material.cert,
    key: material.key,
    requestCert: true,
    rejectUnauthorized: false,
  };
}

/** The caller's identity: the CN of its verified client certificate. */
export function grpcClientIdentity(call: grpc.ServerUnaryCall<unknown, unknown>): string {
  const certificate = call.getAuthContext?.()?.sslPeerCertificate;
  return identityFrom(certificate?.subject?.CN);
}

export function httpClientIdentity(socket: unknown): string {
  const tls = socket as Partial<TLSSocket>;
  if (!tls.getPeerCertificate || !tls.authorized) return identityFrom(undefined);
  return identityFrom(tls.getPeerCertificate().subject?.CN);
}

function identityFrom(cn: string | string[] | undefined): string {
  const name = Array.isArray(cn) ? cn[0] : cn;
  if (!name) {
    throw new MotlanError(
      AccessErrors.noClientCertificate,
      'No verified client certificate on this connection',
    );
  }
  return name;
}
