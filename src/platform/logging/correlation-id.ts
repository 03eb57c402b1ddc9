import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

type HttpRequest = Pick<IncomingMessage, 'headers'>;

// Weak: an id lives as long as its request, and nothing else holds requests.
const assigned = new WeakMap<HttpRequest, string>();

/**
 * The one correlation id of an HTTP request: its `x-correlation-id` when that is a sane token,
 * otherwise generated, once. The request logger and the GraphQL context both ask here, whichever
 * comes first, so a request's log lines and the events it writes carry the same id.
 * Pass the raw Node request (Fastify's `request.raw`): that is the object both of them see.
 */
export function correlationIdOf(request: HttpRequest): string {
  let id = assigned.get(request);
  if (id === undefined) {
    id = saneHeader(request.headers['x-correlation-id']) ?? randomUUID();
    assigned.set(request, id);
  }
  return id;
}

function saneHeader(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first && /^[\w.:-]{1,128}$/.test(first) ? first : undefined;
}
