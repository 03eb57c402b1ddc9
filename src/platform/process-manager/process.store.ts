import type { SqlPool, SqlPoolClient } from '../database/pg-pool';
import { inTransaction } from '../database/pg-transaction';
import { isLive, LIVE_STATUSES, type ProcessDecision, type ProcessStatus } from './process.types';

/** A process as stored; `state` is the definition's own JSON. */
export interface ProcessRow {
  readonly id: string;
  readonly type: string;
  readonly key: string;
  readonly status: ProcessStatus;
  readonly state: unknown;
  readonly version: number;
  readonly correlationId: string;
}

/** What to write with a decision: the message it handled, and any bookkeeping of the same transaction. */
export interface Change {
  readonly messageId: string;
  readonly decision: ProcessDecision<unknown>;
  readonly status: ProcessStatus;
  readonly now: Date;
  /** Runs inside the transaction (a fired deadline's row removed, a command's outcome recorded). */
  readonly alongside?: (client: SqlPoolClient) => Promise<void>;
}

/** A command the process issued that failed for good, and how many times an operator sent it again already. */
export interface FailedCommand {
  readonly seq: number;
  readonly name: string;
  readonly reissues: number;
}

/** The write lost: a duplicate message (already handled), another instance moved first, or a live process of the key exists. */
export type WriteOutcome = 'written' | 'duplicate' | 'conflict';

const COLUMNS = 'id, type, key, status, state, version, correlation_id as "correlationId"';
const UNIQUE_VIOLATION = '23505';

/**
 * The process table and its companions (migration 20261208005000). Every change is one
 * transaction: the handled message's id (its primary key refuses a second), the state under
 * compare-and-set on the version, the deadlines and the commands the decision asked for.
 */
export class ProcessStore {
  constructor(private readonly pool: SqlPool) {}

  async findLive(type: string, key: string): Promise<ProcessRow | null> {
    const { rows } = await this.pool.query<ProcessRow>(
      `select ${COLUMNS} from process where type = $1 and key = $2 and status = any($3::text[])`,
      [type, key, LIVE_STATUSES],
    );
    return rows[0] ?? null;
  }

  /** The status of the process of this type and key that started last; null when there never was one. */
  async latestStatus(type: string, key: string): Promise<ProcessStatus | null> {
    const { rows } = await this.pool.query<{ status: ProcessStatus }>(
      'select status from process where type = $1 and key = $2 order by started_at desc, id desc limit 1',
      [type, key],
    );
    return rows[0]?.status ?? null;
  }

  async load(id: string): Promise<ProcessRow | null> {
    const { rows } = await this.pool.query<ProcessRow>(`select ${COLUMNS} from process where id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The process's latest command that failed for good; null when none did. */
  async lastFailedCommand(processId: string): Promise<FailedCommand | null> {
    const { rows } = await this.pool.query<FailedCommand>(
      `select seq, name, reissues from process_command where process_id = $1 and status = 'failed' order by seq desc limit 1`,
      [processId],
    );
    return rows[0] ?? null;
  }

  /** A new process at version 1, identified by the message that started it. */
  async start(process: Omit<ProcessRow, 'status' | 'state' | 'version'>, change: Change): Promise<WriteOutcome> {
    return this.write(async (client) => {
      await client.query(
        `insert into process (id, type, key, status, state, version, correlation_id, last_error, started_at, updated_at, ended_at)
         values ($1, $2, $3, $4, $5, 1, $6, $7, $8, $8, $9)`,
        [process.id, process.type, process.key, change.status, JSON.stringify(change.decision.state), process.correlationId,
          change.decision.lastError ?? null, change.now, isLive(change.status) ? null : change.now],
      );
      await this.record(client, process.id, change);
    });
  }

  /** The next version of a process read at `expected.version`; 'conflict' when it has moved since. */
  async advance(expected: ProcessRow, change: Change): Promise<WriteOutcome> {
    return this.write(async (client) => {
      const { rowCount } = await client.query(
        `update process set status = $3, state = $4, version = version + 1, updated_at = $5::timestamptz,
           last_error = coalesce($6, last_error), ended_at = case when $7::boolean then null else $5::timestamptz end
         where id = $1 and version = $2`,
        [expected.id, expected.version, change.status, JSON.stringify(change.decision.state), change.now,
          change.decision.lastError ?? null, isLive(change.status)],
      );
      if (rowCount === 0) throw new Lost('conflict');
      await this.record(client, expected.id, change);
    });
  }

  /**
   * An operator's retry the decision took up: its state, the failed command queued again as it was
   * (attempts and error cleared, one more reissue) and the process's last error cleared, in one
   * transaction; 'conflict' when the command is no longer the failed one read.
   */
  async reissue(expected: ProcessRow, change: Change, command: FailedCommand): Promise<WriteOutcome> {
    return this.advance(expected, {
      ...change,
      alongside: async (client) => {
        const { rowCount } = await client.query(
          `update process_command set status = 'pending', attempts = 0, last_error = null, claimed_until = null,
             next_attempt_at = $4, reissues = reissues + 1
           where process_id = $1 and seq = $2 and status = 'failed' and reissues = $3`,
          [expected.id, command.seq, command.reissues, change.now],
        );
        if (rowCount === 0) throw new Lost('conflict');
        await client.query('update process set last_error = null where id = $1', [expected.id]);
      },
    });
  }

  /**
   * For an input the process ignored: the message is recorded as handled, and nothing else
   * changes, as long as the process is still at the version it was decided on.
   */
  async acknowledge(expected: ProcessRow, messageId: string, now: Date, alongside?: Change['alongside']): Promise<WriteOutcome> {
    return this.write(async (client) => {
      const { rowCount } = await client.query('select from process where id = $1 and version = $2 for update', [expected.id, expected.version]);
      if (rowCount === 0) throw new Lost('conflict');
      await this.markHandled(client, expected.id, messageId, now);
      await alongside?.(client);
    });
  }

  /** For an input to a process that has ended: only the bookkeeping, once. */
  async settle(processId: string, messageId: string, now: Date, alongside?: Change['alongside']): Promise<WriteOutcome> {
    return this.write(async (client) => {
      await this.markHandled(client, processId, messageId, now);
      await alongside?.(client);
    });
  }

  private async record(client: SqlPoolClient, processId: string, change: Change): Promise<void> {
    await this.markHandled(client, processId, change.messageId, change.now);
    await change.alongside?.(client);
    const { decision } = change;
    if (!isLive(change.status)) {
      await client.query('delete from process_deadline where process_id = $1', [processId]);
    } else {
      if (decision.cancelDeadlines.length > 0) {
        await client.query('delete from process_deadline where process_id = $1 and name = any($2::text[])', [processId, decision.cancelDeadlines]);
      }
      for (const deadline of decision.deadlines) {
        await client.query(
          `insert into process_deadline (process_id, name, due_at) values ($1, $2, $3)
           on conflict (process_id, name) do update set due_at = excluded.due_at, claimed_until = null`,
          [processId, deadline.name, deadline.dueAt],
        );
      }
    }
    if (decision.commands.length > 0) {
      await client.query(
        `insert into process_command (process_id, seq, name, payload, created_at, next_attempt_at)
         select $1, coalesce((select max(seq) from process_command where process_id = $1), 0) + c.ord, c.name, c.payload, $4, $4
         from unnest($2::text[], $3::jsonb[]) with ordinality as c(name, payload, ord)`,
        [processId, decision.commands.map((c) => c.name), decision.commands.map((c) => JSON.stringify(c.payload)), change.now],
      );
    }
  }

  private async markHandled(client: SqlPoolClient, processId: string, messageId: string, now: Date): Promise<void> {
    const { rowCount } = await client.query(
      'insert into process_handled_message (process_id, message_id, handled_at) values ($1, $2, $3) on conflict do nothing',
      [processId, messageId, now],
    );
    if (rowCount === 0) throw new Lost('duplicate');
  }

  private async write(work: (client: SqlPoolClient) => Promise<void>): Promise<WriteOutcome> {
    try {
      await inTransaction(this.pool, work);
      return 'written';
    } catch (error) {
      if (error instanceof Lost) return error.outcome;
      if (isUniqueViolation(error, 'process_pkey')) return 'duplicate';
      if (isUniqueViolation(error, 'process_live_key')) return 'conflict';
      throw error;
    }
  }
}

/** Rolls the transaction back and says why; never leaves the store. */
class Lost extends Error {
  constructor(readonly outcome: 'duplicate' | 'conflict') {
    super(outcome);
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const pgError = error as { code?: unknown; constraint?: unknown };
  return typeof error === 'object' && error !== null && pgError.code === UNIQUE_VIOLATION && pgError.constraint === constraint;
}
