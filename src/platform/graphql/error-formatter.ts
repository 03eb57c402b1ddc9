import { GraphQLError, type ExecutionResult } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { DomainError } from '../../kernel/domain-error';
import { traceIdsOfRequest } from '../tracing/request-spans';
import { prefersGraphqlResponse } from './media-types';
import { outageOf } from './outages';
import { documentErrorCode, requestStatus, transportRefusal } from './request-errors';

/**
 * The one place where failures become client-facing GraphQL errors, each with a code:
 * - expected failures (DomainError) carry their category as `extensions.code`, their stable code
 *   as `extensions.errorCode` and their details beside them;
 * - a store out of reach (outages.ts) is a retryable READ_MODEL_UNAVAILABLE or DATABASE_UNAVAILABLE;
 * - refusals of the request (HTTP method, media type, size, JSON) and of the document (syntax,
 *   validation, depth, complexity) carry a code of request-errors.ts and their HTTP status;
 * - anything else is logged and masked as INTERNAL, so clients never see stack traces or driver
 *   messages.
 * With tracing on, every error also carries the operation's `traceId` and `spanId`, so a client's
 * report leads to the trace.
 */
export function formatGraphqlErrors(
  execution: ExecutionResult & Required<Pick<ExecutionResult, 'errors'>>,
  context: MercuriusContext,
): { statusCode: number; response: ExecutionResult } {
  const log = context.reply?.log ?? context.app.log;
  let statusCode: number | undefined;
  const coded = execution.errors.flatMap((error) => expand(error)).map((error) => {
    const original = error.originalError;
    if (original === undefined || original instanceof GraphQLError) {
      const coded = withCode(error, documentErrorCode(original ?? error));
      statusCode ??= requestStatus(coded.extensions.code);
      return coded;
    }
    if (original instanceof DomainError) {
      return new GraphQLError(original.message, {
        nodes: error.nodes,
        path: error.path,
        extensions: { code: original.category, errorCode: original.code, ...original.details },
      });
    }
    const outage = outageOf(original);
    if (outage) {
      log.warn({ err: original, path: error.path }, `${outage.code}: ${original.message}`);
      return new GraphQLError(outage.message, { nodes: error.nodes, path: error.path, extensions: { code: outage.code, retryable: true } });
    }
    const refused = transportRefusal(original);
    if (refused) {
      statusCode ??= refused.statusCode;
      return refused.error;
    }
    log.error({ err: original, path: error.path }, 'unexpected error while resolving');
    return new GraphQLError('Internal server error', { nodes: error.nodes, path: error.path, extensions: { code: 'INTERNAL' } });
  });
  const traced = traceIdsOfRequest(context.reply?.request.raw);
  const errors = traced ? coded.map((error) => withExtensions(error, traced)) : coded;
  // Without data, a request refused before execution keeps its 4xx; resolver failures answer 200
  // with errors, as GraphQL over HTTP asks.
  const rejected = (execution.errors[0]?.originalError as { statusCode?: unknown } | undefined)?.statusCode;
  const refusedStatus = statusCode ?? (typeof rejected === 'number' ? rejected : undefined);
  const status = !execution.data && refusedStatus !== undefined ? refusedStatus : 200;
  // application/graphql-response+json: a request that was never executed has no `data` entry.
  const executed = execution.data !== undefined || status < 400;
  const omitData = !executed && prefersGraphqlResponse(context.reply?.request.headers.accept);
  return { statusCode: status, response: omitData ? { errors } : { data: execution.data ?? null, errors } };
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions.code) return error;
  return withExtensions(error, { code });
}

function withExtensions(error: GraphQLError, extensions: Readonly<Record<string, unknown>>): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...error.extensions, ...extensions },
  });
}

/** Mercurius wraps a list of validation errors in one error; clients want each of them. */
function expand(error: GraphQLError): GraphQLError[] {
  const nested = (error.originalError as { errors?: unknown } | undefined)?.errors;
  if (Array.isArray(nested) && nested.every((item) => item instanceof GraphQLError)) return nested;
  return [error];
}
