import type { FastifyInstance } from 'fastify';
import { isUtf8 } from 'node:buffer';
import { GRAPHQL_RESPONSE, prefersGraphqlResponse } from './media-types';
import { requestError } from './request-errors';

/**
 * GraphQL over HTTP details Mercurius leaves to the application, as Fastify hooks on the root
 * instance (so they hold for the routes Mercurius registers later):
 * - a client that accepts `application/graphql-response+json` gets its answers in that media type
 *   (the error formatter then leaves `data` out of a request that never ran);
 * - `"extensions": null` is the same as no extensions (the spec allows null; Mercurius' body
 *   schema wants an object);
 * - the request's parameters have the types GraphQL over HTTP gives them, or the request is a
 *   BAD_REQUEST (Mercurius would coerce a number to a query string and read it as a JSON AST);
 * - only JSON bodies are read: Fastify's default text/plain parser goes, so a text body is a 415;
 * - a JSON body must be valid UTF-8: decoding would otherwise replace bad bytes silently, and the
 *   replacement characters would be stored as if the client had sent them.
 */
export function graphqlOverHttp(fastify: FastifyInstance, path = '/graphql'): void {
  fastify.removeContentTypeParser('text/plain');
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) return done(requestError('BAD_REQUEST', 'the request body is not valid UTF-8'), undefined);
    return parseJson(request, bytes.toString('utf8'), done);
  });
  fastify.addHook('preValidation', async (request) => {
    if (request.routeOptions.url !== path) return;
    const body = request.body;
    if (isRecord(body) && body.extensions === null) delete body.extensions;
    const parameters = request.method === 'GET' ? request.query : body;
    if (isRecord(parameters)) assertParameterTypes(parameters, request.method === 'GET');
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.url === path && prefersGraphqlResponse(request.headers.accept)) {
      reply.header('content-type', `${GRAPHQL_RESPONSE}; charset=utf-8`);
    }
    return payload;
  });
}

/** GET parameters are strings (variables and extensions as JSON text); a body's are JSON values. */
function assertParameterTypes(parameters: Record<string, unknown>, fromQueryString: boolean): void {
  const expectations: [string, (value: unknown) => boolean][] = [
    ['query', (value) => typeof value === 'string'],
    ['operationName', (value) => typeof value === 'string' || value === null],
    ['variables', (value) => (fromQueryString ? typeof value === 'string' : isRecord(value) || value === null)],
    ['extensions', (value) => (fromQueryString ? typeof value === 'string' : isRecord(value) || value === null)],
  ];
  for (const [name, valid] of expectations) {
    if (parameters[name] !== undefined && !valid(parameters[name])) {
      throw requestError('BAD_REQUEST', `the request parameter "${name}" has the wrong type`);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
