import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { requiredText } from '../../kernel/required-text';
import { Clock } from '../cqrs/clock';
import { PG_POOL, type SqlPool } from '../database/pg-pool';
import { ProcessDefinitions } from './process-definitions';
import { ProcessManagerHost } from './process-manager.host';
import { ProcessNothingToRetryError, ProcessNotFoundError, ProcessNotLiveError, ProcessRetryRefusedError } from './process.errors';
import { ProcessQueries, type ProcessView } from './process.queries';
import { ProcessRunner } from './process-runner';
import { ProcessStore } from './process.store';
import { isLive } from './process.types';

const MAX_REASON_LENGTH = 500;

/**
 * What operators ask of a process (GraphQL, CLI). An abort is a signal the process decides on like
 * any other input (`AbortRequested`, with who and why): one running forward turns to compensation,
 * one already undoing itself goes on as it was. A retry names the latest failed command: the
 * process decides whether it takes it up again, and if so the command is queued again as it was.
 * Any instance may take the request; the commands it leads to are sent by the pollers.
 */
@Injectable()
export class ProcessOperations {
  private runner: ProcessRunner | null = null;

  constructor(
    @Inject(PG_POOL) private readonly pool: SqlPool,
    private readonly definitions: ProcessDefinitions,
    private readonly queries: ProcessQueries,
    private readonly clock: Clock,
    private readonly host: ProcessManagerHost,
  ) {}

  async abort(id: string, reason: string, actor: string): Promise<ProcessView> {
    const why = requiredText(reason, 'reason', MAX_REASON_LENGTH);
    const before = await this.queries.one(id);
    if (!before) throw new ProcessNotFoundError(id);
    if (!isLive(before.status)) throw new ProcessNotLiveError(id, before.status);
    await this.processRunner().deliver(id, { kind: 'signal', type: 'AbortRequested', data: { by: actor, reason: why } }, `abort:${randomUUID()}`);
    const after = await this.queries.one(id);
    if (!after) throw new ProcessNotFoundError(id);
    return after;
  }

  async retry(id: string, actor: string): Promise<ProcessView> {
    const retry = await this.processRunner().retry(id, actor);
    const after = await this.queries.one(id);
    if (retry.outcome === 'not-found' || !after) throw new ProcessNotFoundError(id);
    if (retry.outcome === 'nothing-failed') throw new ProcessNothingToRetryError(id);
    if (retry.outcome === 'refused') throw new ProcessRetryRefusedError(id, retry.command, after.status);
    return after;
  }

  private processRunner(): ProcessRunner {
    this.runner ??= new ProcessRunner({
      store: new ProcessStore(this.pool),
      definitions: this.definitions.all(),
      now: () => this.clock.now(),
      // Where this instance runs a poller, it sends them at once; else another instance's poller does.
      commandsQueued: () => this.host.running?.poke(),
    });
    return this.runner;
  }
}
