import { Kind, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import type { RequestContext } from '../auth/request-context';
import { rejectComplexQueries } from './complexity.rule';
import { isJsonBody } from './media-types';
import { requestError } from './request-errors';
import { assertSafeText } from './text-inputs';

type GuardedContext = MercuriusContext & Partial<RequestContext>;

/**
 * A Mercurius preParsing hook: with closed reads, a caller without any role reaches nothing, not
 * the schema, not `health`, and not even the validation messages that would name its fields.
 */
export function credentialGuard(options: { readonly publicReads: boolean }) {
  return (_schema: GraphQLSchema, _source: string, context: GuardedContext): void => {
    const roles = context.principal?.roles;
    if (!options.publicReads && (!roles || roles.size === 0)) {
      throw requestError('UNAUTHORIZED', 'a reader or operator credential is required', { requiredRole: 'reader' });
    }
  };
}

/**
 * What every operation must pass after validation and before it runs, as a Mercurius
 * preExecution hook (it sees the variables, and keeps the query cache on):
 * - a mutation comes only as a JSON body: a form or `application/graphql` body is what a browser
 *   sends cross-site without a preflight, so accepting it would let any page run a mutation with a
 *   visitor's credentials (the CSRF door);
 * - no text in it holds what no store should receive (text-inputs.ts);
 * - the query's cost stays within the complexity limit.
 */
export function executionGuard(schema: GraphQLSchema, document: DocumentNode, context: GuardedContext, variables?: Record<string, unknown>): void {
  const request = context.reply?.request;
  if (request && hasMutation(document) && !isJsonBody(request.headers['content-type'])) {
    throw requestError('UNSUPPORTED_MEDIA_TYPE', 'mutations are accepted only with Content-Type: application/json');
  }
  assertSafeText(document, variables);
  rejectComplexQueries(schema, document, variables);
}

function hasMutation(document: DocumentNode): boolean {
  return document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'mutation');
}

/**
 * A Mercurius preValidation hook. When a query fails to parse, Mercurius tries to read it as a
 * JSON-encoded AST; what comes out of that must at least be a document, or validation would crash
 * on it (an INTERNAL for what is the client's syntax error).
 */
export function requireDocument(_schema: GraphQLSchema, document: DocumentNode): void {
  const parsed: unknown = document;
  const definitions = typeof parsed === 'object' && parsed !== null ? (parsed as { kind?: unknown; definitions?: unknown }) : {};
  if (definitions.kind !== Kind.DOCUMENT || !Array.isArray(definitions.definitions)) {
    throw requestError('GRAPHQL_PARSE_FAILED', 'Syntax Error: the query is not a GraphQL document');
  }
}
