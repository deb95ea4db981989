import type { TLSSocket } from 'node:tls';
import { MotlanError } from '@motlan/errors';
import type { FastifyRequest, HttpApp } from '@motlan/http';
import { ConsoleErrors } from '../errors.ts';
import { cookieValue, SESSION_COOKIE, type Sessions } from './sessions.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** An HTML page: without an identity it redirects to /sign-in instead of answering 401. */
    page?: boolean;
  }
}

/**
 * Who is asking: a certificate of our CA whose name is in `operatorCerts` (`cert:<name>`), else a
 * live session cookie (the operator id). A certificate of our CA that is not an operator's, or
 * one of another CA, is refused outright (MOTLAN_CONSOLE_CERTIFICATE_REFUSED), whatever cookie
 * comes with it. Nobody: HTML pages (`config.page`) let the request through without an identity
 * (`redirectToSignIn` sends it to /sign-in); every other route answers 401
 * MOTLAN_CONSOLE_SIGN_IN_REQUIRED.
 */
export function consoleDoor(sessions: Sessions, operatorCerts: ReadonlySet<string>) {
  return (request: FastifyRequest): string | undefined => {
    const socket = request.raw.socket as Partial<TLSSocket>;
    const certificate = socket.getPeerCertificate?.();
    if (certificate && Object.keys(certificate).length > 0) {
      const name = certificate.subject?.CN;
      const cn = Array.isArray(name) ? name[0] : name;
      if (socket.authorized && cn && operatorCerts.has(cn)) return `cert:${cn}`;
      throw new MotlanError(
        ConsoleErrors.certificateRefused,
        socket.authorized
          ? `${cn ?? 'a certificate without a name'} is not an operator certificate`
          : 'The client certificate is not one of our CA',
      );
    }
    const operator = sessions.operatorOfSession(cookieValue(request.headers.cookie, SESSION_COOKIE));
    if (operator) return operator;
    if (request.routeOptions.config.page === true) return undefined;
    throw new MotlanError(ConsoleErrors.signInRequired, 'Sign in at /sign-in first');
  };
}

/** Pages asked for without an identity go to the sign-in page (after the door, which let them through). */
export function redirectToSignIn(app: HttpApp): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.public === true || request.is404) return;
    if (request.callerIdentity === undefined) return reply.redirect('/sign-in', 303);
  });
}

/**
 * CSRF: every state-changing request (POST) carries an `Origin` that is the console's own
 * (`https://<Host>`), which a browser sets and a page of another site cannot forge; missing or
 * foreign → 403 MOTLAN_CONSOLE_CROSS_ORIGIN. The session cookie is also SameSite=Strict.
 */
export function requireSameOrigin(app: HttpApp): void {
  app.addHook('onRequest', async (request) => {
    if (request.method !== 'POST') return;
    const origin = request.headers.origin;
    if (!origin || origin !== `https://${request.headers.host}`) {
      throw new MotlanError(
        ConsoleErrors.crossOrigin,
        origin ? `Origin ${origin} is not this console's` : 'A POST must carry an Origin header',
        { field: 'header.origin' },
      );
    }
  });
}
