import type { FastifyInstance } from 'fastify';
import { validateTextIn } from '@motlan/domain';

/**
 * What the API accepts, the store keeps: every string of every request — path parameters, query
 * string and body, property names included — goes through the domain's one text validation
 * before the route's schema sees it, and the route gets it in NFC. A refused character answers 400
 * problem+json naming the field (`body.claims.fullName`, `querystring.purpose`) with its
 * MOTLAN_TEXT_* code, and the handler never runs, so nothing changes.
 *
 * Body strings may hold TAB, LF and CR (reasons, comments and notes are written over several
 * lines); parameters and query strings may not. Strings that become fact values are held to
 * single-line text again by validateFactValue. Headers are not walked: each route validates the
 * ones it reads against its schema.
 */
export function registerTextGate(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    request.params = validateTextIn(request.params, 'params');
    request.query = validateTextIn(request.query, 'querystring');
    request.body = validateTextIn(request.body, 'body', { lineBreaks: true });
  });
}
