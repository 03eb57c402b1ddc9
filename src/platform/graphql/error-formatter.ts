import { GraphQLError, type ExecutionResult } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { DomainError } from '../../kernel/domain-error';

/**
 * The one place where failures become client-facing GraphQL errors. Expected failures (DomainError)
 * carry their category as `extensions.code`, their stable code as `extensions.errorCode` and their
 * details beside them. Errors that GraphQL itself
 * raised (syntax, validation, depth) pass through; anything else that is not an expected failure
 * is logged and masked, so clients never see stack traces or driver messages.
 */
export function formatGraphqlErrors(
  execution: ExecutionResult & Required<Pick<ExecutionResult, 'errors'>>,
  context: MercuriusContext,
): { statusCode: number; response: ExecutionResult } {
  const log = context.reply?.log ?? context.app.log;
  const errors = execution.errors.flatMap((error) => expand(error)).map((error) => {
    const original = error.originalError;
    if (original === undefined || original instanceof GraphQLError) return error;
    if (original instanceof DomainError) {
      return new GraphQLError(original.message, {
        nodes: error.nodes,
        path: error.path,
        extensions: { code: original.category, errorCode: original.code, ...original.details },
      });
    }
    log.error({ err: original, path: error.path }, 'unexpected error while resolving');
    return new GraphQLError('Internal server error', {
      nodes: error.nodes,
      path: error.path,
      extensions: { code: 'INTERNAL' },
    });
  });
  // Without data, a request GraphQL itself rejected (syntax, validation) keeps Mercurius' 400;
  // resolver failures answer 200 with errors, as graphql-over-http asks for application/json.
  const rejected = (execution.errors[0]?.originalError as { statusCode?: unknown } | undefined)?.statusCode;
  const statusCode = !execution.data && typeof rejected === 'number' ? rejected : 200;
  return { statusCode, response: { data: execution.data ?? null, errors } };
}

/** Mercurius wraps a list of validation errors in one error; clients want each of them. */
function expand(error: GraphQLError): GraphQLError[] {
  const nested = (error.originalError as { errors?: unknown } | undefined)?.errors;
  if (Array.isArray(nested) && nested.every((item) => item instanceof GraphQLError)) return nested;
  return [error];
}
