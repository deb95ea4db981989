import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CommonErrors, MotlanError, PROBLEM_CONTENT_TYPE, toProblem, type Problem } from '@motlan/errors';

/**
 * Errors raised before a route is found — Fastify's router (`frameworkErrors`: a path segment that
 * is not a URL component, a parameter longer than `maxParamLength`) — answered as problem+json
 * like every other error, without echoing the path (it may carry a personal ID).
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const motlan =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new MotlanError(
          CommonErrors.uriTooLong,
          'A path segment is longer than any identifier this API takes',
        )
      : new MotlanError(CommonErrors.malformedRequest, 'The path is not a valid URL (RFC 3986)');
  request.log.info({ code: error.code }, 'request refused by the router');
  void reply.status(motlan.httpStatus).type(PROBLEM_CONTENT_TYPE).send(toProblem(motlan));
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (Node's `clientError` event:
 * headers over the size limit, a header holding a character HTTP does not allow, a request that
 * did not arrive in time, bytes that are not HTTP at all), answered on the raw socket as
 * problem+json instead of Fastify's own JSON, then the connection is closed as Node does.
 * Nothing of the request is echoed.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody left to answer (https://nodejs.org/api/http.html#event-clienterror).
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) socket.write(rawProblemResponse(toProblem(clientErrorOf(error))));
  socket.destroy(error);
}

function clientErrorOf(error: NodeJS.ErrnoException): MotlanError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new MotlanError(
        CommonErrors.headersTooLarge,
        'The request headers exceed the size this server reads',
      );
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new MotlanError(CommonErrors.requestTimeout, 'The request was not received in time');
    default:
      // HPE_INVALID_HEADER_TOKEN, HPE_INVALID_METHOD, HPE_LF_EXPECTED, ...: Node's llhttp codes.
      return new MotlanError(
        CommonErrors.malformedRequest,
        'The request is not valid HTTP/1.1 (RFC 9112): a header or the request line holds a character HTTP does not allow',
      );
  }
}

function rawProblemResponse(problem: Problem): string {
  const body = JSON.stringify(problem);
  return (
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ''}\r\n` +
    `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `Connection: close\r\n\r\n${body}`
  );
}
