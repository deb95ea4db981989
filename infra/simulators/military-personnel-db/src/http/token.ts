import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Counter, type Registry } from 'prom-client';
import { Type } from 'typebox';
import { basicCredentials, type TokenIssuer } from '../auth/tokens.ts';
import { Headers, OAuth } from '../definitions.ts';
import { UpstreamErrorRef } from './schemas.ts';

export interface TokenRoutesOptions {
  tokens: TokenIssuer;
  registry: Registry;
}

const FORM = 'application/x-www-form-urlencoded';

const TokenAnswer = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal(OAuth.tokenType),
  expires_in: Type.Integer({ description: 'Seconds' }),
  scope: Type.String(),
});

const OAuthError = Type.Object({
  error: Type.String({ description: 'invalid_request | invalid_client | unsupported_grant_type' }),
  error_description: Type.Optional(Type.String()),
});

const TokenForm = Type.Object(
  {
    grant_type: Type.Optional(Type.String({ description: 'client_credentials' })),
    scope: Type.Optional(Type.String()),
    client_id: Type.Optional(Type.String({ description: 'Instead of HTTP Basic (RFC 6749 §2.3.1)' })),
    client_secret: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);

/**
 * The token endpoint (RFC 6749 §4.4, client credentials). Errors answer the RFC's own JSON
 * (`{ "error": "invalid_client" }`), not problem+json: this is the upstream's wire, and OAuth2
 * clients expect it.
 */
export const tokenRoutes: FastifyPluginAsyncTypebox<TokenRoutesOptions> = async (app, options) => {
  const issued = new Counter({
    name: 'mpdb_sim_tokens_issued_total',
    help: 'Access tokens the token endpoint issued',
    registers: [options.registry],
  });
  app.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  // Any other body is read and refused by the handler as invalid_request (RFC 6749 §5.2), not 415.
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, _body, done) => {
    done(null, {});
  });

  app.post(
    OAuth.tokenPath,
    {
      schema: {
        summary: 'Cấp access token (OAuth2 client credentials)',
        description:
          'Form body `grant_type=client_credentials`; the client authenticates with HTTP Basic (client id and secret) ' +
          'or with `client_id` and `client_secret` in the form. Answers a bearer token valid for `expires_in` seconds.',
        tags: ['oauth'],
        consumes: [FORM],
        body: TokenForm,
        response: { 200: TokenAnswer, 400: OAuthError, 401: OAuthError, 503: UpstreamErrorRef },
      },
      // A body that fails the schema is answered the RFC 6749 way below, not as problem+json.
      attachValidation: true,
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
      const refuse = (status: 400 | 401, error: string, description: string) => {
        if (status === 401) void reply.header(Headers.wwwAuthenticate, `Basic realm="${OAuth.realm}"`);
        return reply.code(status).send({ error, error_description: description });
      };
      if (!String(request.headers['content-type'] ?? '').startsWith(FORM) || request.validationError) {
        return refuse(400, OAuth.errors.invalidRequest, `the body must be ${FORM}`);
      }
      const form = request.body ?? {};
      const basic = basicCredentials(request.headers.authorization);
      if (basic && (form.client_id !== undefined || form.client_secret !== undefined)) {
        return refuse(400, OAuth.errors.invalidRequest, 'use one client authentication method, not two');
      }
      const id = basic?.id ?? form.client_id;
      const secret = basic?.secret ?? form.client_secret;
      if (id === undefined || secret === undefined || !options.tokens.authenticateClient(id, secret)) {
        return refuse(401, OAuth.errors.invalidClient, 'unknown client or wrong secret');
      }
      if (form.grant_type === undefined) {
        return refuse(400, OAuth.errors.invalidRequest, 'grant_type is required');
      }
      if (form.grant_type !== OAuth.grantType) {
        return refuse(400, OAuth.errors.unsupportedGrantType, `only ${OAuth.grantType} is supported`);
      }
      const token = options.tokens.issue(id);
      issued.inc();
      return {
        access_token: token.accessToken,
        token_type: OAuth.tokenType,
        expires_in: token.expiresIn,
        scope: OAuth.scope,
      };
    },
  );
};
