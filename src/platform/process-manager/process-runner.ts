import { isDeepStrictEqual } from 'node:util';
import type { Change, ProcessRow, ProcessStore, WriteOutcome } from './process.store';
import { isLive, type ProcessDecision, type ProcessDefinition, type ProcessEvent, type ProcessInput, type ProcessRoute } from './process.types';

/** How many times an input is decided again after another instance moved the process first. */
const MAX_RACES = 20;

export interface RunnerDeps {
  readonly store: ProcessStore;
  readonly definitions: readonly ProcessDefinition[];
  readonly now: () => Date;
  /** Told after a commit that queued commands, so they are sent without waiting for the poller. */
  readonly commandsQueued?: () => void;
}

/**
 * The one place processes are advanced: load, decide (pure), write under compare-and-set, and on a
 * lost race read again and decide again. An input is taken in once per process: its message id is
 * recorded in the same transaction as the state it led to.
 */
export class ProcessRunner {
  private readonly byType: ReadonlyMap<string, ProcessDefinition>;

  constructor(private readonly deps: RunnerDeps) {
    this.byType = new Map(deps.definitions.map((definition) => [definition.type, definition]));
  }

  definition(type: string): ProcessDefinition | undefined {
    return this.byType.get(type);
  }

  /** Whether any definition listens to this event type. */
  listensTo(type: string): boolean {
    return this.deps.definitions.some((definition) => definition.eventTypes.includes(type));
  }

  /** An event from the log: to the live process of its key, or starting one when the event may. */
  async onEvent(event: ProcessEvent): Promise<void> {
    for (const definition of this.deps.definitions) {
      if (!definition.eventTypes.includes(event.type)) continue;
      const route = definition.route(event);
      if (route) await this.routeEvent(definition, route, event);
    }
  }

  /** An input addressed to one process by id (a deadline, a command's outcome). */
  async deliver(processId: string, input: ProcessInput, messageId: string, alongside?: Change['alongside']): Promise<void> {
    for (let race = 0; race < MAX_RACES; race += 1) {
      const row = await this.deps.store.load(processId);
      if (!row) return;
      const outcome = await this.apply(row, input, messageId, alongside);
      if (outcome !== 'conflict') return;
    }
    throw new Error(`process ${processId}: gave up after ${MAX_RACES} lost races`);
  }

  /** An input to the live process of (type, key), if there is one; returns whether there was. */
  async signal(type: string, key: string, input: ProcessInput, messageId: string): Promise<boolean> {
    const row = await this.deps.store.findLive(type, key);
    if (!row) return false;
    await this.deliver(row.id, input, messageId);
    return true;
  }

  /**
   * An operator's retry of the process's latest failed command, ended process or not: the
   * definition decides on `retry-requested`, and a decision that changes something (a state
   * awaiting that command again) has the command queued again. A process whose key has another
   * live process cannot come back to life.
   */
  async retry(processId: string, by: string): Promise<RetryOutcome> {
    for (let race = 0; race < MAX_RACES; race += 1) {
      const row = await this.deps.store.load(processId);
      if (!row) return { outcome: 'not-found' };
      const command = await this.deps.store.lastFailedCommand(processId);
      if (!command) return { outcome: 'nothing-failed' };
      const definition = this.requireDefinition(row);
      const refused = { outcome: 'refused', command: command.name } as const;
      if (!isLive(row.status) && (await this.deps.store.findLive(row.type, row.key))) return refused;
      const now = this.deps.now();
      const input = { kind: 'retry-requested', name: command.name, seq: command.seq, by } as const;
      const decision = definition.decide(row.state, input, { now, processId });
      if (ignored(decision, row.state)) return refused;
      const messageId = `retry:${command.seq}:${command.reissues + 1}`;
      const outcome = await this.deps.store.reissue(row, { messageId, decision, status: definition.statusOf(decision.state), now }, command);
      if (outcome === 'written') {
        this.deps.commandsQueued?.();
        return { outcome: 'retried', command: command.name };
      }
    }
    throw new Error(`process ${processId}: gave up after ${MAX_RACES} lost races`);
  }

  private async routeEvent(definition: ProcessDefinition, route: ProcessRoute, event: ProcessEvent): Promise<void> {
    for (let race = 0; race < MAX_RACES; race += 1) {
      const live = await this.deps.store.findLive(definition.type, route.key);
      let outcome: WriteOutcome;
      if (live) {
        outcome = await this.apply(live, event, event.messageId);
      } else if (route.starts && (await this.mayStart(route))) {
        outcome = await this.start(definition, route.key, event);
      } else {
        return;
      }
      if (outcome !== 'conflict') return;
    }
    throw new Error(`${definition.type} ${route.key}: gave up after ${MAX_RACES} lost races`);
  }

  private async mayStart({ key, startsAfter }: ProcessRoute): Promise<boolean> {
    if (!startsAfter) return true;
    const status = await this.deps.store.latestStatus(startsAfter.type, key);
    return startsAfter.statusIn.includes(status ?? 'none');
  }

  private async start(definition: ProcessDefinition, key: string, event: ProcessEvent): Promise<WriteOutcome> {
    const now = this.deps.now();
    // The id comes from the starting message, so its redelivery after the process ended starts nothing.
    const id = `${definition.type}:${event.messageId}`;
    const decision = definition.decide(null, event, { now, processId: id });
    const change = { messageId: event.messageId, decision, status: definition.statusOf(decision.state), now };
    const outcome = await this.deps.store.start({ id, type: definition.type, key, correlationId: event.correlationId }, change);
    if (outcome === 'written' && decision.commands.length > 0) this.deps.commandsQueued?.();
    return outcome;
  }

  private async apply(row: ProcessRow, input: ProcessInput, messageId: string, alongside?: Change['alongside']): Promise<WriteOutcome> {
    const definition = this.requireDefinition(row);
    const now = this.deps.now();
    if (!isLive(row.status)) return this.deps.store.settle(row.id, messageId, now, alongside);
    const decision = definition.decide(row.state, input, { now, processId: row.id });
    // An input that changes nothing leaves the version alone (operators read versions as steps taken).
    if (ignored(decision, row.state)) return this.deps.store.acknowledge(row, messageId, now, alongside);
    const outcome = await this.deps.store.advance(row, { messageId, decision, status: definition.statusOf(decision.state), now, alongside });
    if (outcome === 'written' && decision.commands.length > 0) this.deps.commandsQueued?.();
    return outcome;
  }

  private requireDefinition(row: ProcessRow): ProcessDefinition {
    const definition = this.byType.get(row.type);
    if (!definition) throw new Error(`process ${row.id} has type ${row.type}, which no definition in this instance handles`);
    return definition;
  }
}

/** What became of an operator's retry: 'refused' when the process cannot take the failed command up again. */
export type RetryOutcome = { readonly outcome: 'retried' | 'refused'; readonly command: string } | { readonly outcome: 'not-found' | 'nothing-failed' };

function ignored(decision: ProcessDecision<unknown>, stored: unknown): boolean {
  const { commands, deadlines, cancelDeadlines, lastError } = decision;
  return commands.length === 0 && deadlines.length === 0 && cancelDeadlines.length === 0 && !lastError && isDeepStrictEqual(decision.state, stored);
}
