import { randomUUID } from 'node:crypto';
import type { SqlPool as Pool } from '../../../platform/database/pg-pool';
import { RebuildAlreadyRunningError } from '../dashboards.errors';
import type { DualWrite, DualWriteTarget } from '../dual-write';

export type RebuildStatus = 'running' | 'completed' | 'failed';
export type RebuildPhase = 'creating-indexes' | 'replaying' | 'summarizing' | 'catching-up' | 'swapping' | 'done';

export interface RebuildRun {
  readonly id: string;
  readonly status: RebuildStatus;
  readonly phase: RebuildPhase;
  readonly fromGeneration: number | null;
  readonly toGeneration: number;
  readonly totalEvents: number;
  readonly processedEvents: number;
  readonly requestedBy: string;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly error: string | null;
}

/** A running rebuild whose heartbeat is older than this died with its process: it no longer blocks. */
const STALE_AFTER = '2 minutes';

const COLUMNS = `id, status, phase, from_generation as "fromGeneration", to_generation as "toGeneration",
  total_events::int as "totalEvents", processed_events::int as "processedEvents", requested_by as "requestedBy",
  started_at as "startedAt", finished_at as "finishedAt", error`;

/** Rebuilds as rows in PostgreSQL: progress for every instance to read, and one running at a time per prefix. */
export class RebuildRuns implements DualWrite {
  constructor(
    private readonly pool: Pool,
    private readonly prefix: string,
  ) {}

  async begin(fromGeneration: number | null, toGeneration: number, requestedBy: string): Promise<RebuildRun> {
    await this.pool.query(
      `update read_model_rebuild set status = 'failed', error = 'abandoned: no heartbeat', finished_at = now()
       where index_prefix = $1 and status = 'running' and heartbeat_at < now() - interval '${STALE_AFTER}'`,
      [this.prefix],
    );
    try {
      const { rows } = await this.pool.query<RebuildRun>(
        `insert into read_model_rebuild (id, index_prefix, status, phase, from_generation, to_generation, requested_by, started_at, heartbeat_at)
         values ($1, $2, 'running', 'creating-indexes', $3, $4, $5, now(), now()) returning ${COLUMNS}`,
        [randomUUID(), this.prefix, fromGeneration, toGeneration, requestedBy],
      );
      return rows[0];
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
      const running = await this.latest();
      throw new RebuildAlreadyRunningError(running?.id ?? 'unknown');
    }
  }

  async progress(id: string, phase: RebuildPhase, processedEvents: number, totalEvents: number): Promise<void> {
    await this.pool.query(
      `update read_model_rebuild set phase = $2, processed_events = greatest(processed_events, $3), total_events = greatest(total_events, $4, $3), heartbeat_at = now()
       where id = $1`,
      [id, phase, processedEvents, totalEvents],
    );
  }

  async finish(id: string, outcome: { error: string } | 'completed'): Promise<void> {
    await this.pool.query(
      `update read_model_rebuild set status = $2, phase = case when $2 = 'completed' then 'done' else phase end,
              error = $3, finished_at = now(), heartbeat_at = now()
       where id = $1`,
      [id, outcome === 'completed' ? 'completed' : 'failed', outcome === 'completed' ? null : outcome.error],
    );
  }

  async latest(): Promise<RebuildRun | null> {
    const { rows } = await this.pool.query<RebuildRun>(
      `select ${COLUMNS} from read_model_rebuild where index_prefix = $1 order by started_at desc limit 1`,
      [this.prefix],
    );
    return rows[0] ?? null;
  }

  /**
   * The generation a running rebuild is filling, which live projectors must also write: statistic
   * events from its replay on, country and catalogue events only once the replay has applied the
   * log's own (from catching-up on), since those must land after the registration they follow.
   */
  async dualWrite(): Promise<DualWriteTarget | null> {
    const { rows } = await this.pool.query<{ generation: number; phase: RebuildPhase }>({
      name: 'read-model-dual-write',
      text: `select to_generation as generation, phase from read_model_rebuild
             where index_prefix = $1 and status = 'running' and phase <> 'creating-indexes'`,
      values: [this.prefix],
    });
    const [row] = rows;
    return row ? { generation: row.generation, referenceData: row.phase === 'catching-up' || row.phase === 'swapping' } : null;
  }

  /** For tests and benchmarks that use a prefix of their own. */
  async deleteAll(): Promise<void> {
    await this.pool.query('delete from read_model_rebuild where index_prefix = $1', [this.prefix]);
  }
}
