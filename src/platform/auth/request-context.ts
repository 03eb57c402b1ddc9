import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './credentials';

/** What a GraphQL resolver knows about the request it serves. */
export interface RequestContext {
  readonly correlationId: string;
  readonly principal: Principal;
}

/** Taken from `x-correlation-id` when it is a sane token, otherwise generated. */
export function correlationIdOf(request: Pick<FastifyRequest, 'headers'>): string {
  const header = request.headers['x-correlation-id'];
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[\w.:-]{1,128}$/.test(value) ? value : randomUUID();
}
