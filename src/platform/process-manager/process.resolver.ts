import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../auth/request-context';
import { RequireRole } from '../auth/roles.guard';
import { ProcessOperations } from './process-operations';
import { ProcessQueries, type ProcessCommandView, type ProcessView } from './process.queries';

/** GraphQL names the statuses in capitals; the table in lower case. */
type ProcessGraph = Omit<ProcessView, 'status' | 'commands'> & {
  readonly status: string;
  readonly commands: readonly (Omit<ProcessCommandView, 'status'> & { readonly status: string })[];
};

/** Operators' view of durable processes (schema.graphql, "Processes"). Operator role only. */
@Resolver('Process')
export class ProcessResolver {
  constructor(
    private readonly processes: ProcessQueries,
    private readonly operations: ProcessOperations,
  ) {}

  @Query('processes')
  @RequireRole('operator')
  async list(
    @Args('type') type: string | null,
    @Args('status') status: string | null,
    @Args('limit', { type: () => Int }) limit: number,
  ): Promise<ProcessGraph[]> {
    const views = await this.processes.list({ type, status: status?.toLowerCase() ?? null, limit });
    return views.map(graph);
  }

  @Query('process')
  @RequireRole('operator')
  async one(@Args('id') id: string): Promise<ProcessGraph | null> {
    const view = await this.processes.one(id);
    return view ? graph(view) : null;
  }

  @Mutation('abortProcess')
  @RequireRole('operator')
  async abort(@Args('id') id: string, @Args('reason') reason: string, @Context() context: RequestContext): Promise<ProcessGraph> {
    return graph(await this.operations.abort(id, reason, context.principal.actor));
  }

  @Mutation('retryProcessStep')
  @RequireRole('operator')
  async retry(@Args('id') id: string, @Context() context: RequestContext): Promise<ProcessGraph> {
    return graph(await this.operations.retry(id, context.principal.actor));
  }
}

function graph(view: ProcessView): ProcessGraph {
  return { ...view, status: view.status.toUpperCase(), commands: view.commands.map((command) => ({ ...command, status: command.status.toUpperCase() })) };
}
