import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

/** Depth is capped by Mercurius (queryDepth); this caps breadth: every field costs 1, lists what they ask for. */
export const MAX_QUERY_COMPLEXITY = 2000;

/** A field with a `first` or `limit` argument costs its children that many times over. */
const listAwareEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const size = args.first ?? args.limit;
  return typeof size === 'number' ? 1 + size * Math.max(1, childComplexity) : undefined;
};

/**
 * A Mercurius preExecution hook: there the variables are known (list sizes often come in them),
 * and query caching stays on, which a per-request validation rule would turn off.
 */
export function rejectComplexQueries(
  schema: GraphQLSchema,
  document: DocumentNode,
  _context: unknown,
  variables: Record<string, unknown> = {},
): void {
  const complexity = getComplexity({
    schema,
    query: document,
    variables,
    estimators: [fieldExtensionsEstimator(), listAwareEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
  if (complexity > MAX_QUERY_COMPLEXITY) {
    throw new GraphQLError(
      `query complexity ${complexity} exceeds the limit of ${MAX_QUERY_COMPLEXITY}; ask for fewer fields or items`,
      { extensions: { code: 'QUERY_TOO_COMPLEX', complexity, limit: MAX_QUERY_COMPLEXITY } },
    );
  }
}
