import { Inject, Injectable } from '@nestjs/common';
import { Gauge, type Registry } from 'prom-client';
import type { SqlPool } from '../database/pg-pool';
import { PG_POOL } from '../database/pg-pool';
import { METRICS_REGISTRY } from '../metrics/metrics-registry';
import { perScrape } from '../metrics/per-scrape';

interface Counts {
  readonly byStatus: readonly { type: string; status: string; count: number }[];
  readonly overdue: readonly { type: string; count: number }[];
}

/**
 * Processes as PostgreSQL holds them, read when Prometheus scrapes (every instance reports the same):
 * how many are in each status (running, compensating, completed, compensated, cancelled, failed),
 * and how many live ones have a deadline already past that no instance has fired yet (a poller
 * that is not keeping up, or no instance running one).
 */
@Injectable()
export class ProcessGauges {
  constructor(@Inject(METRICS_REGISTRY) registry: Registry, @Inject(PG_POOL) pool: SqlPool) {
    const registers = [registry];
    const counts = perScrape(() => readCounts(pool), null);
    new Gauge({ name: 'exportstats_processes', help: 'Processes by type and status', labelNames: ['type', 'status'], registers, async collect() {
      const read = await counts();
      this.reset();
      for (const row of read?.byStatus ?? []) this.set({ type: row.type, status: row.status }, row.count);
    } });
    new Gauge({ name: 'exportstats_processes_overdue', help: 'Live processes with a deadline past due and not fired', labelNames: ['type'], registers, async collect() {
      const read = await counts();
      this.reset();
      for (const row of read?.overdue ?? []) this.set({ type: row.type }, row.count);
    } });
  }
}

async function readCounts(pool: SqlPool): Promise<Counts> {
  const byStatus = await pool.query<{ type: string; status: string; count: number }>(
    'select type, status, count(*)::int as count from process group by type, status',
  );
  const overdue = await pool.query<{ type: string; count: number }>(
    `select p.type, count(distinct p.id)::int as count from process p join process_deadline d on d.process_id = p.id
     where p.status in ('running', 'compensating') and d.due_at < now() - interval '5 seconds' group by p.type`,
  );
  return { byStatus: byStatus.rows, overdue: overdue.rows };
}
