import FindMyWay, { type HTTPMethod } from 'find-my-way';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CommonErrors, MotlanError } from '@motlan/errors';

/**
 * Tells "no such resource" (404) from "the resource exists, not with this method" (405, with the
 * `Allow` header RFC 9110 §15.5.6 requires). Fastify answers both 404; this keeps a second table of
 * the app's routes, matched by the router Fastify itself uses (find-my-way), so `/v1/facts/{id}`
 * patterns match as they do for Fastify.
 */
export class RouteTable {
  private readonly router = FindMyWay();
  private readonly methods = new Set<HTTPMethod>();

  static of(app: FastifyInstance): RouteTable {
    const table = new RouteTable();
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) table.add(method as HTTPMethod, route.url);
    });
    return table;
  }

  add(method: HTTPMethod, url: string): void {
    this.methods.add(method);
    // A route's URL may be registered twice (e.g. HEAD beside GET); the first one is enough.
    if (!this.router.hasRoute(method, url)) this.router.on(method, url, () => undefined);
  }

  /** The methods that have a route for this path (query string ignored), in sorted order. */
  allowedMethods(url: string): HTTPMethod[] {
    const path = url.split('?')[0] ?? '';
    return [...this.methods].filter((method) => this.router.find(method, path) !== null).sort();
  }

  /** A 405 for a request whose path has routes with other methods, else undefined. */
  methodNotAllowed(request: FastifyRequest): { error: MotlanError; allow: string } | undefined {
    const allowed = this.allowedMethods(request.url);
    if (allowed.length === 0) return undefined;
    const allow = allowed.join(', ');
    return {
      error: new MotlanError(
        CommonErrors.methodNotAllowed,
        `${request.method} is not a method of this resource; it takes ${allow}`,
      ),
      allow,
    };
  }
}
