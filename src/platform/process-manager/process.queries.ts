import { Inject, Injectable } from '@nestjs/common';
import { ValidationError } from '../../kernel/domain-error';
import { PG_POOL, type SqlPool } from '../database/pg-pool';
import { ProcessDefinitions } from './process-definitions';
import type { ProcessStatus, ProcessStepView } from './process.types';

export interface ProcessView {
  readonly id: string;
  readonly type: string;
  readonly key: string;
  readonly status: ProcessStatus;
  readonly version: number;
  readonly startedAt: Date;
  readonly updatedAt: Date;
  readonly endedAt: Date | null;
  readonly lastError: string | null;
  readonly steps: readonly ProcessStepView[];
  readonly commands: readonly ProcessCommandView[];
  readonly deadlines: readonly { readonly name: string; readonly dueAt: Date }[];
}

export interface ProcessCommandView {
  readonly sequence: number;
  readonly name: string;
  readonly status: 'pending' | 'succeeded' | 'failed';
  readonly attempts: number;
  readonly lastError: string | null;
  readonly reissues: number;
  readonly createdAt: Date;
}

const STATUSES: readonly ProcessStatus[] = ['running', 'compensating', 'completed', 'compensated', 'cancelled', 'failed'];

interface ProcessRecord extends Omit<ProcessView, 'steps' | 'commands' | 'deadlines'> {
  readonly state: unknown;
}

/** Operators' view of processes: each with its steps (as its definition reports them), commands and pending deadlines. */
@Injectable()
export class ProcessQueries {
  constructor(
    @Inject(PG_POOL) private readonly pool: SqlPool,
    private readonly definitions: ProcessDefinitions,
  ) {}

  async list(filter: { type?: string | null; status?: string | null; limit: number }): Promise<ProcessView[]> {
    if (!Number.isInteger(filter.limit) || filter.limit < 1 || filter.limit > 500) throw new ValidationError('limit', 'must be an integer from 1 to 500');
    const status = filter.status ?? null;
    if (status !== null && !(STATUSES as readonly string[]).includes(status)) throw new ValidationError('status', `must be one of ${STATUSES.join(', ')}`);
    const { rows } = await this.pool.query<ProcessRecord>(
      `${SELECT} where ($1::text is null or type = $1) and ($2::text is null or status = $2) order by started_at desc, id limit $3`,
      [filter.type ?? null, status, filter.limit],
    );
    return Promise.all(rows.map((row) => this.view(row)));
  }

  async one(id: string): Promise<ProcessView | null> {
    const { rows } = await this.pool.query<ProcessRecord>(`${SELECT} where id = $1`, [id]);
    return rows[0] ? this.view(rows[0]) : null;
  }

  private async view({ state, ...row }: ProcessRecord): Promise<ProcessView> {
    const commands = await this.pool.query<ProcessCommandView>(
      `select seq as sequence, name, status, attempts, last_error as "lastError", reissues, created_at as "createdAt"
       from process_command where process_id = $1 order by seq`,
      [row.id],
    );
    const deadlines = await this.pool.query<{ name: string; dueAt: Date }>(
      'select name, due_at as "dueAt" from process_deadline where process_id = $1 order by due_at, name',
      [row.id],
    );
    const definition = this.definitions.all().find((candidate) => candidate.type === row.type);
    const steps = definition?.stepsOf?.(state) ?? [];
    return { ...row, steps, commands: commands.rows, deadlines: deadlines.rows };
  }
}

const SELECT = `select id, type, key, status, version, started_at as "startedAt", updated_at as "updatedAt", ended_at as "endedAt",
                       last_error as "lastError", state
                from process`;
