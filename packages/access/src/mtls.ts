import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { RequestMetadata } from '@motlan/domain';
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

/**
 * Reading the peer certificate converts it from X.509 on every call, which showed as the
 * largest single cost of a warm request. A connection's certificate cannot change, so the
 * identity is remembered per connection (its peer address) for a second — far shorter than the
 * time before a closed connection's client port could be reused.
 */
const IDENTITY_TTL_MS = 1_000;
const identityByPeer = new Map<string, { identity: string; until: number }>();

/** The caller's identity: the CN of its verified client certificate. */
export function grpcClientIdentity(call: grpc.ServerUnaryCall<unknown, unknown>): string {
  const peer = call.getPeer();
  const now = Date.now();
  const known = identityByPeer.get(peer);
  if (known && known.until > now) return known.identity;
  const identity = identityFrom(call.getAuthContext?.()?.sslPeerCertificate?.subject?.CN);
  if (identityByPeer.size > 10_000) identityByPeer.clear();
  identityByPeer.set(peer, { identity, until: now + IDENTITY_TTL_MS });
  return identity;
}

const identityBySocket = new WeakMap<object, string>();

export function httpClientIdentity(socket: unknown): string {
  const tls = socket as Partial<TLSSocket>;
  if (!tls.getPeerCertificate || !tls.authorized) return identityFrom(undefined);
  const known = identityBySocket.get(tls);
  if (known) return known;
  const identity = identityFrom(tls.getPeerCertificate().subject?.CN);
  identityBySocket.set(tls, identity);
  return identity;
}

/**
 * The REST services' door (`buildHttpApp({ authenticate })`): refuses with 401
 * MOTLAN_CLIENT_CERTIFICATE_REQUIRED any caller without a verified certificate of our CA, before
 * the request's body is read. Which client may do what is decided further in, per route.
 * Returns the certificate's identity (CN), which the request log names.
 */
export function requireClientCertificate(request: { raw: { socket: unknown } }): string {
  return httpClientIdentity(request.raw.socket);
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

/**
 * The person acting through a client system, as that system names them (HTTP header, gRPC
 * metadata). The certificate authenticates the system; this header only says which of its
 * users acted, so it is recorded next to the certificate's identity, never instead of it.
 */
export const OFFICER_ID_HEADER = RequestMetadata.officerId;

/**
 * The applicant a citizen portal acts for, by personal ID (HTTP header, gRPC metadata). The
 * portal's certificate authenticates the portal; this names whom it acts for, and a service lets
 * it act only on that applicant's own dossiers. A verified citizen token (e-ID) will later carry
 * the same thing in place of this header.
 */
export const APPLICANT_ID_HEADER = RequestMetadata.applicantId;
