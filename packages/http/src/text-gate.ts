import type { FastifyInstance } from 'fastify';
import { validateTextIn } from '@motlan/domain';

/**
 * What the API accepts, the store keeps: every string of every request — path parameters, query
 * string and body, property names included — goes through the domain's one text validation
 * before the route's schema sees it, and the route gets it in NFC. A refused character answers 400
 * problem+json naming the field (`body.claims.fullName`, `querystring.purpose`) with its
 * MOTLAN_TEXT_* code, and the handler never runs, so nothing changes.
 *
 * TAB, LF and CR are refused everywhere except in the body properties a route declares free text
 * written over several lines (`config: { multilineText: ['reason'] }`: reasons, comments, notes);
 * names, codes and every other string are single-line. Strings that become fact values are held
 * to single-line text again by validateFactValue. Headers are not walked: each route validates the
 * ones it reads against its schema.
 */
export function registerTextGate(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    request.params = validateTextIn(request.params, 'params');
    request.query = validateTextIn(request.query, 'querystring');
    const multiline = request.routeOptions.config.multilineText;
    request.body = validateTextIn(
      request.body,
      'body',
      multiline ? { lineBreaksIn: new Set(multiline) } : {},
    );
  });
}
