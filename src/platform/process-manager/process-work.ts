import type { Span } from '@opentelemetry/api';
import type { SqlPool } from '../database/pg-pool';
import { backoffDelay } from '../concurrency/backoff';
import type { EventMetadata } from '../event-log/event-log.types';
import { failed, inSpan, retriedAfter } from '../tracing/tracer';
import type { ProcessRunner } from './process-runner';
import { processCommandMetadata, type ProcessCommand } from './process.types';

export interface ProcessWorkSettings {
  /** How long a claimed deadline or command is this instance's before another may take it over. */
  readonly leaseMs: number;
  /** Attempts at a command that keeps failing for a reason not known to be permanent. */
  readonly maxCommandAttempts: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  readonly claimLimit: number;
}

/** Sends a command on the CommandBus and returns what its handler returned. */
export type CommandSender = (command: ProcessCommand, processType: string, metadata: EventMetadata) => Promise<unknown>;

interface DueDeadline {
  readonly processId: string;
  readonly name: string;
  readonly dueAt: Date;
}

interface DueCommand {
  readonly processId: string;
  readonly processType: string;
  readonly correlationId: string;
  readonly seq: number;
  readonly name: string;
  readonly payload: Record<string, unknown>;
  readonly attempts: number;
  /** Rounds an operator started again; each round's answer has its own message id. */
  readonly reissues: number;
  /** Whether the process has a deadline pending: then the deadline, not the attempts, bounds a transient failure. */
  readonly bounded: boolean;
}

/**
 * What instances do for processes besides consuming events: fire due deadlines and send queued
 * commands. Each row is claimed for a lease with `for update skip locked`, so two instances never
 * take the same one at once, and one that dies mid-way leaves its claim to expire. What it leads to
 * is delivered to the process under a message id of its own (`deadline:<name>:<due>`,
 * `command:<seq>`, or `command:<seq>:<n>` after an operator's n-th retry), with the row's
 * bookkeeping in the same transaction: a deadline fires once, and a command's outcome is taken in
 * once per round, however often the work is attempted.
 */
export class ProcessWork {
  constructor(
    private readonly pool: SqlPool,
    private readonly runner: ProcessRunner,
    private readonly send: CommandSender,
    private readonly isPermanent: (processType: string, error: unknown) => boolean,
    private readonly settings: ProcessWorkSettings,
    /** Only these types' rows are claimed: an instance without a definition (an older version) leaves the rest alone. */
    private readonly types: readonly string[],
  ) {}

  /** One round: what is due now. Returns how many rows it handled. */
  async runOnce(): Promise<number> {
    const deadlines = await this.claimDeadlines();
    for (const deadline of deadlines) await this.fire(deadline);
    const commands = await this.claimCommands();
    for (const command of commands) await this.dispatch(command);
    return deadlines.length + commands.length;
  }

  /** A span per deadline and per command: a process takes a handful of steps, never a hot path. */
  private fire({ processId, name, dueAt }: DueDeadline): Promise<void> {
    const due = dueAt.toISOString();
    const attributes = { 'process.id': processId, 'process.deadline': name, 'process.deadline.due': due };
    return inSpan(`process deadline ${name}`, { attributes }, () => this.deliverDeadline(processId, name, dueAt, due));
  }

  private async deliverDeadline(processId: string, name: string, dueAt: Date, due: string): Promise<void> {
    await this.runner.deliver(processId, { kind: 'deadline', name, dueAt: due }, `deadline:${name}:${due}`, async (client) => {
      await client.query('delete from process_deadline where process_id = $1 and name = $2 and due_at = $3', [processId, name, dueAt]);
    });
  }

  private dispatch(command: DueCommand): Promise<void> {
    const attributes = {
      'process.id': command.processId,
      'process.type': command.processType,
      'process.command': command.name,
      'process.command.seq': command.seq,
      'process.command.attempt': command.attempts + 1,
      'correlation.id': command.correlationId,
    };
    return inSpan(`process command ${command.name}`, { attributes }, (span) => this.sendCommand(command, span));
  }

  /**
   * A failure not known to be permanent is sent again with back-off: while the process has a
   * deadline pending, until the deadline ends the step (an outage longer than the attempts would
   * otherwise fail compensation too, early); without one, up to PROCESS_COMMAND_MAX_ATTEMPTS.
   * A failure with a retry left is an event of the step's span; the one that fails the command, its error.
   */
  private async sendCommand(command: DueCommand, span: Span): Promise<void> {
    const metadata = processCommandMetadata(command.processId, command.processType, command.correlationId);
    const messageId = command.reissues === 0 ? `command:${command.seq}` : `command:${command.seq}:${command.reissues}`;
    let result: unknown;
    try {
      result = await this.send({ name: command.name, payload: command.payload }, command.processType, metadata);
    } catch (error) {
      const attempts = command.attempts + 1;
      const text = describe(error);
      if (!this.isPermanent(command.processType, error) && (command.bounded || attempts < this.settings.maxCommandAttempts)) {
        retriedAfter(span, error);
        await this.retryLater(command, attempts, text);
        return;
      }
      failed(span, error);
      await this.runner.deliver(command.processId, { kind: 'command-failed', name: command.name, seq: command.seq, error: text }, messageId, async (client) => {
        await client.query(
          `update process_command set status = 'failed', attempts = $3, last_error = $4, claimed_until = null where process_id = $1 and seq = $2`,
          [command.processId, command.seq, attempts, text],
        );
      });
      return;
    }
    await this.runner.deliver(command.processId, { kind: 'command-succeeded', name: command.name, seq: command.seq, result: jsonSafe(result) }, messageId, async (client) => {
      await client.query(
        `update process_command set status = 'succeeded', attempts = attempts + 1, claimed_until = null where process_id = $1 and seq = $2`,
        [command.processId, command.seq],
      );
    });
  }

  private async retryLater(command: DueCommand, attempts: number, error: string): Promise<void> {
    const delay = backoffDelay(attempts, this.settings.retryBaseMs, this.settings.retryMaxMs);
    await this.pool.query(
      `update process_command set attempts = $3, last_error = $4, claimed_until = null,
         next_attempt_at = now() + make_interval(secs => $5::double precision / 1000)
       where process_id = $1 and seq = $2 and reissues = $6`,
      [command.processId, command.seq, attempts, error, delay, command.reissues],
    );
  }

  private async claimDeadlines(): Promise<DueDeadline[]> {
    const { rows } = await this.pool.query<DueDeadline>(
      `update process_deadline d set claimed_until = now() + make_interval(secs => $1::double precision / 1000)
       from (select dl.process_id, dl.name from process_deadline dl join process p on p.id = dl.process_id
             where dl.due_at <= now() and (dl.claimed_until is null or dl.claimed_until < now()) and p.type = any($3::text[])
             order by dl.due_at limit $2 for update of dl skip locked) due
       where d.process_id = due.process_id and d.name = due.name
       returning d.process_id as "processId", d.name, d.due_at as "dueAt"`,
      [this.settings.leaseMs, this.settings.claimLimit, this.types],
    );
    return rows;
  }

  private async claimCommands(): Promise<DueCommand[]> {
    const { rows } = await this.pool.query<DueCommand>(
      `update process_command c set claimed_until = now() + make_interval(secs => $1::double precision / 1000)
       from (select pc.process_id, pc.seq from process_command pc join process p on p.id = pc.process_id
             where pc.status = 'pending' and pc.next_attempt_at <= now() and (pc.claimed_until is null or pc.claimed_until < now())
               and p.type = any($3::text[])
             order by pc.process_id, pc.seq limit $2 for update of pc skip locked) due, process p
       where c.process_id = due.process_id and c.seq = due.seq and p.id = c.process_id
       returning c.process_id as "processId", p.type as "processType", p.correlation_id as "correlationId",
                 c.seq, c.name, c.payload, c.attempts, c.reissues,
                 exists (select 1 from process_deadline dl where dl.process_id = c.process_id) as bounded`,
      [this.settings.leaseMs, this.settings.claimLimit, this.types],
    );
    // A process's commands are sent in the order it issued them.
    return rows.sort((a, b) => (a.processId === b.processId ? a.seq - b.seq : a.processId < b.processId ? -1 : 1));
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

/** What a handler returned, as JSON can carry it (a WriteResult, say). */
function jsonSafe(value: unknown): unknown {
  if (value === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    return null;
  }
}
