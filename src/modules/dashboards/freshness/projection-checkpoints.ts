import type { SqlPool as Pool } from '../../../platform/database/pg-pool';
import type { LogCursor } from '../../../platform/event-log/log-cursor';
import { cursorAt } from '../../../platform/event-log/log-positions';

/**
 * Per consumer (a statistics shard, the reference fan-out queue), the log cursor up to which its
 * effects are searchable. Only moves forward, so a redelivered watermark changes nothing.
 */
export class ProjectionCheckpoints {
  constructor(
    private readonly pool: Pool,
    private readonly prefix: string,
  ) {}

  async advance(consumer: string, cursor: LogCursor): Promise<void> {
    await this.pool.query({
      name: 'projection-checkpoint-advance',
      text: `insert into projection_checkpoint (index_prefix, consumer, transaction_id, position)
             values ($1, $2, $3::xid8, $4::bigint)
             on conflict (index_prefix, consumer) do update
               set transaction_id = excluded.transaction_id, position = excluded.position, updated_at = now()
               where (projection_checkpoint.transaction_id, projection_checkpoint.position)
                   < (excluded.transaction_id, excluded.position)`,
      values: [this.prefix, consumer, cursor.transactionId, cursor.position],
    });
  }

  /** The cursor of the event at `position`, or null when the log has no such event. */
  cursorOf(position: string): Promise<LogCursor | null> {
    return cursorAt(this.pool, position);
  }

  /** True when every one of `consumers` has a checkpoint at or after `target`. */
  async allPassed(consumers: readonly string[], target: LogCursor): Promise<boolean> {
    const { rows } = await this.pool.query<{ passed: number }>({
      name: 'projection-all-passed',
      text: `select count(*)::int as passed from projection_checkpoint
             where index_prefix = $1 and consumer = any($2::text[])
               and (transaction_id, position) >= ($3::xid8, $4::bigint)`,
      values: [this.prefix, consumers, target.transactionId, target.position],
    });
    return rows[0].passed === new Set(consumers).size;
  }

  async all(): Promise<Map<string, LogCursor>> {
    const { rows } = await this.pool.query<LogCursor & { consumer: string }>(
      `select consumer, transaction_id::text as "transactionId", position::text as "position"
       from projection_checkpoint where index_prefix = $1 order by consumer`,
      [this.prefix],
    );
    return new Map(rows.map(({ consumer, transactionId, position }) => [consumer, { transactionId, position }]));
  }

  /** For tests and benchmarks that use a prefix of their own. */
  async deleteAll(): Promise<void> {
    await this.pool.query('delete from projection_checkpoint where index_prefix = $1', [this.prefix]);
  }
}
