import { Kind, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { Counter, Histogram, type Registry } from 'prom-client';

type Formatter = (execution: ExecutionResult & Required<Pick<ExecutionResult, 'errors'>>, context: MercuriusContext) => { statusCode: number; response: ExecutionResult };

/**
 * GraphQL's own metrics: how long executed operations take, from the request's arrival to their
 * result, by operation type; and the errors answered, by their `extensions.code` (refusals before
 * execution included: every error passes the one formatter). Mercurius hooks, no Fastify hook.
 */
export class GraphqlMetrics {
  private readonly duration: Histogram<'operation'>;
  private readonly errors: Counter<'code'>;
  private readonly operations = new WeakMap<object, string>();

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: 'exportstats_graphql_request_duration_seconds',
      help: 'Time from a GraphQL request to its result, per operation type (query, mutation)',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.errors = new Counter({ name: 'exportstats_graphql_errors_total', help: 'GraphQL errors answered, per extensions.code', labelNames: ['code'], registers: [registry] });
  }

  /** preExecution: remembers the operation's type for its measurement. */
  readonly rememberOperation = (_schema: GraphQLSchema, document: DocumentNode, context: MercuriusContext): void => {
    const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    if (operation) this.operations.set(context, operation.operation);
  };

  /** onResolution: the operation's time so far (Fastify's clock for the request). */
  readonly observe = async (_execution: ExecutionResult, context: MercuriusContext): Promise<void> => {
    const elapsedMs = context.reply?.elapsedTime;
    if (elapsedMs !== undefined) this.duration.observe({ operation: this.operations.get(context) ?? 'unknown' }, elapsedMs / 1000);
  };

  /** Wraps the error formatter: counts what it answers. */
  counting(format: Formatter): Formatter {
    return (execution, context) => {
      const formatted = format(execution, context);
      for (const error of formatted.response.errors ?? []) this.errors.inc({ code: String(error.extensions?.code ?? 'UNKNOWN') });
      return formatted;
    };
  }
}
