import type { DocumentNode, GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { ValidationError } from '../../kernel/domain-error';
import { requestError } from './request-errors';

/** Depth and aliases are capped by validation rules (graphql-limits.ts); this caps breadth: every field costs 1, lists what they ask for. */
const MAX_QUERY_COMPLEXITY = 2000;

const LIST_SIZE_ARGUMENTS = ['first', 'last', 'limit'] as const;

/**
 * A field with a `first`, `last` or `limit` argument costs its children that many times over. The
 * cost is computed from sizes that are valid: a negative or fractional size would lower the cost of
 * the query around it, so it is refused here, before anything runs, naming the argument.
 */
const listAwareEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const sizes = LIST_SIZE_ARGUMENTS.filter((name) => args[name] !== undefined && args[name] !== null).map((name) => {
    const size: unknown = args[name];
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
      throw new ValidationError(name, 'must be a whole number of at least 0');
    }
    return size;
  });
  return sizes.length > 0 ? 1 + Math.max(...sizes) * Math.max(1, childComplexity) : undefined;
};

/**
 * A Mercurius preExecution hook: there the variables are known (list sizes often come in them),
 * and query caching stays on, which a per-request validation rule would turn off.
 */
export function rejectComplexQueries(schema: GraphQLSchema, document: DocumentNode, variables?: Record<string, unknown> | null): void {
  const complexity = getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    estimators: [fieldExtensionsEstimator(), listAwareEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
  if (complexity > MAX_QUERY_COMPLEXITY) {
    throw requestError('QUERY_TOO_COMPLEX', `query complexity ${complexity} exceeds the limit of ${MAX_QUERY_COMPLEXITY}; ask for fewer fields or items`, {
      complexity,
      limit: MAX_QUERY_COMPLEXITY,
    });
  }
}
