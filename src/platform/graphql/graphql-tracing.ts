import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';
import { Kind, type DocumentNode, type ExecutionResult } from 'graphql';
import { correlationIdOf } from '../logging/correlation-id';
import { rememberRequestSpan, requestSpan } from '../tracing/request-spans';
import { SpanKind, tracer } from '../tracing/tracer';

/**
 * The GraphQL operation's span, one per request on the GraphQL route. Fastify's hooks do not wrap
 * the handler, so the span is made active in a preHandler hook that calls the rest of the chain
 * (Mercurius' handler, the resolvers, the command) inside its context, and ended when the
 * response is sent. Mercurius' preExecution hook names it after the operation once it is parsed.
 * Installed only with tracing on.
 */
export function traceGraphqlRequests(fastify: FastifyInstance, path = '/graphql'): void {
  fastify.addHook('preHandler', (request, _reply, done) => {
    if (request.routeOptions.url !== path) return done();
    const span = tracer().startSpan('graphql', {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': request.method, 'correlation.id': correlationIdOf(request.raw) },
    });
    rememberRequestSpan(request.raw, span);
    context.with(trace.setSpan(context.active(), span), done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const span = requestSpan(request.raw);
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
}

/** A Mercurius preExecution hook: `mutation recordExportStatistic`, as the operation says. */
export function nameOperationSpan(_schema: unknown, document: DocumentNode): void {
  const span = trace.getActiveSpan();
  if (!span) return;
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation) return;
  const fields = operation.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : []));
  const name = operation.name?.value ?? (fields.join(',') || 'anonymous');
  span.updateName(`${operation.operation} ${name}`);
  span.setAttributes({ 'graphql.operation.type': operation.operation, 'graphql.operation.name': name });
}

/** A Mercurius onResolution hook: an operation answered with errors is a failed span. */
export async function recordOperationErrors(execution: Pick<ExecutionResult, 'errors'>): Promise<void> {
  const span = trace.getActiveSpan();
  if (!span || !execution.errors?.length) return;
  span.setStatus({ code: SpanStatusCode.ERROR, message: execution.errors[0].message });
}
