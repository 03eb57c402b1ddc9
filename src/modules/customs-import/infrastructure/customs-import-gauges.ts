import { Inject, Injectable } from '@nestjs/common';
import { Gauge, type Registry } from 'prom-client';
import { PG_POOL, type SqlPool } from '../../../platform/database/pg-pool';
import { METRICS_REGISTRY } from '../../../platform/metrics/metrics-registry';
import { perScrape } from '../../../platform/metrics/per-scrape';
import { JOB_STATES } from '../domain/import-job';
import { UNIT_STATES } from '../domain/unit-progress';

interface ImportReadings {
  readonly byState: ReadonlyMap<string, number>;
  readonly unitsByState: ReadonlyMap<string, number>;
  readonly stalledSeconds: number;
  readonly awaitingOperator: number;
}

const UNREADABLE: ImportReadings = {
  byState: new Map(JOB_STATES.map((state) => [state, Number.NaN])),
  unitsByState: new Map(UNIT_STATES.map((state) => [state, Number.NaN])),
  stalledSeconds: Number.NaN, awaitingOperator: Number.NaN };

/**
 * What an operator is alerted on about imports (prometheus/alerts.yml), read from the jobs' state
 * in PostgreSQL when Prometheus scrapes, so every instance reports the same values:
 * - imports in each state (a failure shows as the failed count going up);
 * - the units of the imports under way (requested, running, paused) in each state: their progress;
 * - how long the import that has moved least recently has been without progress while it should
 *   be working (requested or running; a paused import is waiting for the quota on purpose);
 * - units only an operator can move on: dead-lettered or refused, in imports not cancelled.
 */
@Injectable()
export class CustomsImportGauges {
  constructor(@Inject(METRICS_REGISTRY) registry: Registry, @Inject(PG_POOL) pool: SqlPool) {
    const registers = [registry];
    const readings = perScrape(() => readImports(pool), UNREADABLE);
    new Gauge({ name: 'exportstats_customs_imports', help: 'Customs imports in each state', labelNames: ['state'], registers, async collect() {
      for (const [state, count] of (await readings()).byState) this.set({ state }, count);
    } });
    new Gauge({ name: 'exportstats_customs_import_units', help: 'Units of the imports under way (requested, running or paused) in each state', labelNames: ['state'], registers, async collect() {
      for (const [state, count] of (await readings()).unitsByState) this.set({ state }, count);
    } });
    new Gauge({ name: 'exportstats_customs_import_stalled_seconds', help: 'Longest time a requested or running import has gone without progress; 0 when none', registers, async collect() {
      this.set((await readings()).stalledSeconds);
    } });
    new Gauge({ name: 'exportstats_customs_import_units_awaiting_operator', help: 'Dead-lettered or refused units of imports not cancelled: replay or cancel them', registers, async collect() {
      this.set((await readings()).awaitingOperator);
    } });
  }
}

async function readImports(pool: SqlPool): Promise<ImportReadings> {
  const { rows } = await pool.query<{ states: Record<string, number> | null; units: Record<string, number> | null; stalled: number; awaiting: number }>(
    `select (select jsonb_object_agg(state, n) from (select state, count(*)::int as n from customs_import group by state) s) as states,
            (select jsonb_object_agg(state, n) from (select u.state, count(*)::int as n from customs_import_unit u join customs_import i on i.id = u.import_id
               where i.state in ('requested', 'running', 'paused') group by u.state) s) as units,
            coalesce((select extract(epoch from now() - min(progress))::float8 from (
               select greatest(i.updated_at, (select max(u.updated_at) from customs_import_unit u where u.import_id = i.id)) as progress
               from customs_import i where i.state in ('requested', 'running')) p), 0) as stalled,
            (select count(*)::int from customs_import_unit u join customs_import i on i.id = u.import_id
             where u.state in ('dead_lettered', 'refused') and i.state <> 'cancelled') as awaiting`,
  );
  const { states, units, stalled, awaiting } = rows[0];
  return {
    byState: new Map(JOB_STATES.map((state) => [state, states?.[state] ?? 0])),
    unitsByState: new Map(UNIT_STATES.map((state) => [state, units?.[state] ?? 0])),
    stalledSeconds: Math.max(0, stalled), awaitingOperator: awaiting };
}
