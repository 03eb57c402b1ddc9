import type { Span } from '@opentelemetry/api';
import type { IncomingMessage } from 'node:http';
import { traceIdsOf } from './tracer';

/**
 * The span of each traced HTTP request, by its raw request: what is written about the request
 * outside its context (the request's log line, written when the response has gone; errors
 * formatted on Fastify's error path) still finds its trace.
 */
const spans = new WeakMap<IncomingMessage, Span>();

export function rememberRequestSpan(request: IncomingMessage, span: Span): void {
  spans.set(request, span);
}

export function requestSpan(request: IncomingMessage | undefined): Span | undefined {
  return request ? spans.get(request) : undefined;
}

/** Trace and span ids of a request's span, when it is sampled. */
export function traceIdsOfRequest(request: IncomingMessage | undefined): { traceId: string; spanId: string } | undefined {
  const span = requestSpan(request);
  return span ? traceIdsOf(span) : undefined;
}
