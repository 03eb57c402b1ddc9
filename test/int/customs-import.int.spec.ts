import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect } from 'amqplib';
import Decimal from 'decimal.js';
import type { Pool } from 'pg';
import type { AppConfig } from '../../src/config/app-config';
import { CustomsImportService, type CustomsImportView, workQueueName } from '../../src/modules/customs-import';
import { nextQuotaReset } from '../../src/modules/customs-import';
import { CommandBus } from '@nestjs/cqrs';
import { RecordExportStatisticsBatchCommand } from '../../src/modules/statistics';
import { Clock } from '../../src/platform/cqrs/clock';
import { CustomsImportWorker } from '../../src/modules/customs-import/customs-import.worker';
import { CustomsStandIn, startCustomsStandIn } from '../support/customs-stand-in/customs-stand-in';
import { StandInData, StandInRow } from '../support/customs-stand-in/stand-in-data';
import { UNKNOWN_PARTNER_CODE } from '../support/customs-stand-in/stand-in-faults';
import { startTestApp, stopTestApp } from '../support/test-app';

// The import end to end on the write side: the app's workers on real RabbitMQ queues and the
// real PostgreSQL, against the stand-in over HTTP. Every expected figure is computed from the
// stand-in's own data, never from what the import reports. Each test owns a month of 2001 and
// clears it first (statistics and their streams), so the file can run twice in a row.

const KEY = 'Import/Int+Key==';
const FINISHED = ['completed', 'failed', 'cancelled'];

interface Expected {
  /** Keys with exports, and their figures. */
  readonly figures: Map<string, { value: string; weight: string }>;
  readonly valueUsd: Decimal;
  readonly weightKg: Decimal;
}

describe('customs import', () => {
  let standIn: CustomsStandIn;
  let app: NestFastifyApplication;
  let db: Pool;
  let config: AppConfig;
  let service: CustomsImportService;
  let clock: Clock;
  let clockOffsetMs = 0;
  // Deleted at the end: a completed import of every chapter left behind would be the dashboards'
  // publication horizon for every later test on this database (ADR 0007).
  const importIds: string[] = [];

  beforeAll(async () => {
    standIn = await startCustomsStandIn({ port: 0, serviceKey: KEY });
    ({ app, db, config } = await startTestApp({
      CUSTOMS_IMPORT_WORKERS: 'true',
      CUSTOMS_API_URL: standIn.url,
      CUSTOMS_SERVICE_KEY: KEY,
      CUSTOMS_CALLS_PER_SECOND: '500',
      CUSTOMS_CONCURRENCY: '4',
      CUSTOMS_PROCESS_PREFETCH: '2',
      CUSTOMS_RETRIES: '3',
      CUSTOMS_RETRY_BASE_MS: '1',
      CUSTOMS_RETRY_MAX_MS: '10',
      CUSTOMS_TIMEOUT_MS: '3000',
      CUSTOMS_UNIT_MAX_ATTEMPTS: '3',
      CUSTOMS_IMPORT_CHUNK_SIZE: '300',
      CUSTOMS_RESUME_INTERVAL_MS: '3600000',
    }));
    service = app.get(CustomsImportService);
    clock = app.get(Clock);
    clock.now = () => new Date(Date.now() + clockOffsetMs);
  });

  afterAll(async () => {
    // Their outcome events (CustomsImportCompleted, ...Failed, ...Paused) too.
    await db.query(`delete from event_log where stream_id = any(array(select 'customs-import:' || id from unnest($1::uuid[]) as id))`, [importIds]);
    await db.query('delete from customs_import where id = any($1::uuid[])', [importIds]);
    await db.query('delete from customs_quota_day where scope = $1', [config.BROKER_PREFIX]);
    await db.query('delete from customs_rate where scope = $1', [config.BROKER_PREFIX]);
    await stopTestApp({ app, db });
    await deleteQueues(config);
    await standIn.close();
  });

  beforeEach(() => {
    standIn.state.faults.clear();
    standIn.state.dailyQuota = undefined;
    standIn.state.republished = false;
    clockOffsetMs = 0;
  });

  async function clearMonth(month: string): Promise<void> {
    const [year, mm] = month.split('-').map(Number);
    await db.query('delete from event_log where stream_id like $1', [`statistic:%-${month}`]);
    await db.query('delete from export_statistic where year = $1 and month = $2', [year, mm]);
  }

  async function finished(id: string, states = FINISHED): Promise<CustomsImportView> {
    for (let waited = 0; waited < 50_000; waited += 100) {
      const view = await service.get(id);
      if (states.includes(view.state)) return view;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { state, pausedUntil, pauseReason, counts } = await service.get(id);
    throw new Error(`import ${id} did not reach ${states.join('/')}: ${JSON.stringify({ state, pausedUntil, pauseReason, counts })}`);
  }

  async function run(months: string, hsCodes?: string[]): Promise<CustomsImportView> {
    const started = await service.start({ months, hsCodes, actor: 'int-test' });
    importIds.push(started.id);
    return finished(started.id);
  }

  async function eventsOf(correlationId: string): Promise<Record<string, number>> {
    const { rows } = await db.query<{ type: string; count: number }>(
      "select type, count(*)::int as count from event_log where metadata->>'correlationId' = $1 group by type",
      [correlationId],
    );
    return Object.fromEntries(rows.map((row) => [row.type, row.count]));
  }

  /** What the write side holds for the month under the prefixes: active 10-digit statistics. */
  async function stored(month: string, prefixes: string[] = ['']): Promise<Expected> {
    const [year, mm] = month.split('-').map(Number);
    const { rows } = await db.query<{ key: string; value_usd: string; weight_kg: string }>(
      "select key, value_usd, weight_kg from export_statistic where year = $1 and month = $2 and status = 'active' and hs_code like any($3)",
      [year, mm, prefixes.map((prefix) => `${prefix}%`)],
    );
    return summarise(rows.map((row) => [row.key, row.value_usd, row.weight_kg]));
  }

  function source(month: string, prefixes: string[] = [''], data: StandInData = standIn.state.source, keep = (row: StandInRow) => row !== undefined): Expected {
    const rows: [string, string, string][] = [];
    for (const prefix of prefixes) {
      for (const row of data.rows(month.replace('-', ''), prefix)) {
        if (row.expDlr > 0 && keep(row)) rows.push([`${row.statCd}-${row.hsCd}-${month}`, String(row.expDlr), String(row.expWgt)]);
      }
    }
    return summarise(rows);
  }

  it('given a whole month, when imported, then the statistics equal the sum of the grand totals; imported again, no event is written', async () => {
    const month = '2001-01';
    await clearMonth(month);
    const expected = source(month);
    const grandTotal = sumOfGrandTotals(standIn.state.source, month);

    const first = await run(month);

    expect(first).toMatchObject({ state: 'completed', counts: { refused: 0, deadLettered: 0, recorded: expected.figures.size, revised: 0, retracted: 0, unchanged: 0 } });
    // One unit per chapter: HS 2022 has 96 chapters from 01 to 97 (77 is reserved).
    expect(first.counts.unitsByState).toEqual({ done: 96 });
    const held = await stored(month);
    expect(held.valueUsd.toFixed(2)).toBe(grandTotal.value.toFixed(2));
    expect(held.weightKg.toFixed(3)).toBe(grandTotal.weight.toFixed(3));
    expect(held.figures).toEqual(expected.figures);
    expect((await eventsOf(first.correlationId)).ExportStatisticRecorded).toBe(expected.figures.size);
    expect(first.units.every((unit) => unit.checksum?.sourceValueUsd === unit.checksum?.rowsValueUsd)).toBe(true);

    const again = await run(month);

    expect(again).toMatchObject({ state: 'completed', counts: { recorded: 0, revised: 0, retracted: 0, unchanged: expected.figures.size } });
    // No statistic event; only the outcome, appended with the completion (ADR 0009).
    expect(await eventsOf(again.correlationId)).toEqual({ CustomsImportCompleted: 1 });
  }, 300_000);

  it('given a completed import, when every step of it is delivered again, then nothing is called, written or changed', async () => {
    const month = '2001-10';
    await clearMonth(month);
    const done = await run(month, ['01', '02']);
    const calls = standIn.state.calls.length;
    const worker = app.get(CustomsImportWorker);

    await worker.request(done.id);
    for (const unit of done.units) {
      await worker.fetch(done.id, unit.key);
      await worker.process(done.id, unit.key);
    }

    expect(await service.get(done.id)).toEqual({ ...done, quotaUsedToday: expect.any(Number) });
    expect(standIn.state.calls).toHaveLength(calls);
    expect((await eventsOf(done.correlationId)).ExportStatisticRecorded).toBe(source(month, ['01', '02']).figures.size);
  });

  it('given a crash after the first chunk of a unit was applied, when its message is redelivered, then the rest is applied and nothing twice', async () => {
    const month = '2001-12';
    await clearMonth(month);
    const expected = source(month, ['84']);
    expect(expected.figures.size).toBeGreaterThan(2 * 300); // CUSTOMS_IMPORT_CHUNK_SIZE: at least three chunks
    const bus = app.get(CommandBus);
    const execute = bus.execute.bind(bus);
    let batches = 0;
    bus.execute = ((command: unknown) => {
      // The second chunk's command dies as a process killed mid-unit would: its message goes back.
      if (command instanceof RecordExportStatisticsBatchCommand && ++batches === 2) return Promise.reject(new Error('crashed mid-unit'));
      return execute(command as never);
    }) as typeof bus.execute;

    try {
      const view = await run(month, ['84']);

      expect(batches).toBeGreaterThan(3);
      expect(view).toMatchObject({ state: 'completed', counts: { recorded: expected.figures.size, unchanged: 0 } });
      expect(await eventsOf(view.correlationId)).toMatchObject({ ExportStatisticRecorded: expected.figures.size });
      expect((await stored(month, ['84'])).figures).toEqual(expected.figures);
    } finally {
      bus.execute = execute;
    }
  });

  it('given a unit that keeps timing out, when imported, then it is split into its headings and the result is exact', async () => {
    const month = '2001-09';
    await clearMonth(month);
    // One call and its three retries hang past CUSTOMS_TIMEOUT_MS; chapter 01's six headings answer.
    standIn.inject({ kind: 'hang', hsPrefix: '01', times: 4 });

    const view = await run(month, ['01']);

    expect(view.units.map((unit) => [unit.hsPrefix, unit.state])).toEqual([
      ['01', 'split'],
      ['0101', 'done'],
      ['0102', 'done'],
      ['0103', 'done'],
      ['0104', 'done'],
      ['0105', 'done'],
      ['0106', 'done'],
    ]);
    expect(view.units[0].lastErrorCode).toBe('CUSTOMS.RETRIES_EXHAUSTED');
    expect((await stored(month, ['01'])).figures).toEqual(source(month, ['01']).figures);
  }, 120_000);

  it('given a re-publication with changed, vanished and new rows, when imported again, then exactly those revisions, retractions and records', async () => {
    const month = '2001-02';
    const chapters = ['01', '02', '03', '04'];
    await clearMonth(month);
    const before = source(month, chapters);
    await run(month, chapters);
    const after = source(month, chapters, new StandInData({ republished: true }));
    const diff = difference(before, after);
    expect(diff.recorded * diff.revised * diff.retracted).toBeGreaterThan(0);

    standIn.state.republished = true;
    const republished = await run(month, chapters);

    expect(republished.counts).toMatchObject({ recorded: diff.recorded, revised: diff.revised, retracted: diff.retracted, unchanged: diff.unchanged });
    expect(await eventsOf(republished.correlationId)).toMatchObject({
      ExportStatisticRecorded: diff.recorded,
      ExportStatisticRevised: diff.revised,
      ExportStatisticRetracted: diff.retracted,
    });
    expect((await stored(month, chapters)).figures).toEqual(after.figures);
  });

  it('given the quota exhausted after K calls, when imported, then it pauses until the reset, and completes exactly once the clock has passed it', async () => {
    const month = '2001-03';
    const chapters = ['01', '02', '03', '04', '05', '06'];
    await clearMonth(month);
    standIn.state.dailyQuota = 3;

    const started = await service.start({ months: month, hsCodes: chapters, actor: 'int-test' });
    importIds.push(started.id);
    const paused = await finished(started.id, ['paused', ...FINISHED]);

    const resetsAt = nextQuotaReset(clock.now());
    expect(paused).toMatchObject({ state: 'paused', pausedUntil: resetsAt });
    expect(paused.pauseReason).toContain('quota');
    expect(paused.counts.unitsByState.pending).toBeGreaterThanOrEqual(3);

    await service.resumeDue();
    expect((await service.get(started.id)).state).toBe('paused');

    clockOffsetMs = resetsAt.getTime() - Date.now() + 1_000;
    standIn.state.dailyQuota = undefined;
    await service.resumeDue();
    const done = await finished(started.id);

    const expected = source(month, chapters);
    expect(done).toMatchObject({ state: 'completed', pausedUntil: null, counts: { recorded: expected.figures.size, deadLettered: 0 } });
    expect((await stored(month, chapters)).figures).toEqual(expected.figures);
    expect((await eventsOf(done.correlationId)).ExportStatisticRecorded).toBe(expected.figures.size);
  });

  it('given transient faults (5xx pages, gateway timeout, a reset connection), when imported, then they are retried and the result is exact', async () => {
    const month = '2001-04';
    const chapters = ['01', '02', '03'];
    await clearMonth(month);
    standIn.inject({ kind: 'http-error', status: 503, times: 2, hsPrefix: '01' });
    standIn.inject({ kind: 'gateway', reasonCode: 5, hsPrefix: '02' });
    standIn.inject({ kind: 'reset', hsPrefix: '03' });

    const view = await run(month, chapters);

    const expected = source(month, chapters);
    expect(view).toMatchObject({ state: 'completed', counts: { recorded: expected.figures.size, deadLettered: 0, refused: 0 } });
    expect(view.counts.unitsByState).toEqual({ done: 3 });
    expect((await stored(month, chapters)).figures).toEqual(expected.figures);
    expect(standIn.state.calls.filter((call) => call.strtYymm === '200104')).toHaveLength(3 + 2 + 1 + 1);
  });

  it.each([
    ['key not registered (reason 30)', { kind: 'gateway', reasonCode: 30 } as const],
    ['the plain-text 403', { kind: 'forbidden' } as const],
  ])('given %s, when imported, then the job fails at once naming the setting, and nothing but its outcome is written', async (_, fault) => {
    const month = '2001-05';
    await clearMonth(month);
    standIn.inject({ ...fault, times: 100 });

    const view = await run(month, ['01', '02', '03']);

    expect(view).toMatchObject({ state: 'failed', failureCode: 'CUSTOMS.KEY_REJECTED', counts: { recorded: 0 } });
    expect(view.failure).toContain('CUSTOMS_SERVICE_KEY');
    expect(JSON.stringify(view)).not.toContain(KEY);
    expect(JSON.stringify(view)).not.toContain(encodeURIComponent(KEY));
    // No statistic event; only the outcome, which names the setting and never the key.
    expect(await eventsOf(view.correlationId)).toEqual({ CustomsImportFailed: 1 });
    const { rows } = await db.query<{ data: object }>(`select data from event_log where stream_id = $1`, [`customs-import:${view.id}`]);
    expect(rows).toEqual([{ data: expect.objectContaining({ importId: view.id, failureCode: 'CUSTOMS.KEY_REJECTED', failure: view.failure }) }]);
    expect(JSON.stringify(rows)).not.toContain(KEY);
  });

  it('given malformed and truncated XML for two units, when imported, then only those are dead-lettered with their reason; replayed, they complete', async () => {
    const month = '2001-06';
    const chapters = ['01', '02', '03'];
    await clearMonth(month);
    standIn.inject({ kind: 'malformed', hsPrefix: '02', times: 10 });
    standIn.inject({ kind: 'truncated', hsPrefix: '03', times: 10 });

    const view = await run(month, chapters);

    expect(view).toMatchObject({ state: 'completed', counts: { deadLettered: 2, recorded: source(month, ['01']).figures.size } });
    expect(view.units.map((unit) => [unit.hsPrefix, unit.state, unit.attempts, unit.lastErrorCode])).toEqual([
      ['01', 'done', 1, null],
      ['02', 'dead_lettered', 3, 'CUSTOMS.MALFORMED_RESPONSE'],
      ['03', 'dead_lettered', 3, 'CUSTOMS.MALFORMED_RESPONSE'],
    ]);
    expect((await stored(month, chapters)).figures).toEqual(source(month, ['01']).figures);

    standIn.state.faults.clear();
    await service.replayUnit(view.id, view.units[1].key);
    await service.replayUnit(view.id, view.units[2].key);
    const replayed = await finished(view.id);

    expect(replayed).toMatchObject({ state: 'completed', counts: { deadLettered: 0, recorded: source(month, chapters).figures.size } });
    expect((await stored(month, chapters)).figures).toEqual(source(month, chapters).figures);
  });

  it('given a grand total that disagrees with the rows, when imported, then that unit is refused with both figures and nothing of it applied', async () => {
    const month = '2001-07';
    await clearMonth(month);
    standIn.inject({ kind: 'wrong-total', hsPrefix: '01' });

    const view = await run(month, ['01', '02']);

    const rows = source(month, ['01']);
    const [refused, done] = view.units;
    expect([refused.state, done.state]).toEqual(['refused', 'done']);
    expect(refused.checksum).toEqual({
      sourceValueUsd: rows.valueUsd.plus(1000).toFixed(2),
      sourceWeightKg: rows.weightKg.plus(7).toFixed(3),
      rowsValueUsd: rows.valueUsd.toFixed(2),
      rowsWeightKg: rows.weightKg.toFixed(3),
    });
    expect(refused.lastError).toContain(`${rows.valueUsd.plus(1000).toFixed(2)} USD`);
    expect(refused.lastError).toContain(`${rows.valueUsd.toFixed(2)} USD`);
    expect(view.counts).toMatchObject({ refused: 1, recorded: source(month, ['02']).figures.size });
    expect((await stored(month, ['01'])).figures.size).toBe(0);
  });

  it('given a subheading recorded by hand where the import brings its 10-digit lines, when imported, then that unit is refused with the reason, once, and the rest completes', async () => {
    const month = '2001-11';
    await clearMonth(month);
    // An analyst's 6-digit figure for one partner-month: the import's 10-digit lines under it would
    // count the same exports twice, so the statistics refuse them (STATISTIC.HS_LEVEL_OVERLAP).
    const [first] = [...standIn.state.source.rows('200111', '01')].filter((row) => row.expDlr > 0);
    const byHand = { countryCode: first.statCd, hsCode: first.hsCd.slice(0, 6), period: month, valueUsd: '12345.00', weightKg: '67.000' };
    await app.get(CommandBus).execute(new RecordExportStatisticsBatchCommand([byHand], { correlationId: `by-hand-${month}`, causationId: `by-hand-${month}`, actor: 'int-test' }));
    let processed = 0;
    const worker = app.get(CustomsImportWorker);
    const process = worker.process.bind(worker);
    worker.process = (importId: string, key: string) => ((processed += key.startsWith('01') ? 1 : 0), process(importId, key));

    try {
      const view = await run(month, ['01', '02']);

      const [refused, done] = view.units;
      expect(view.state).toBe('completed');
      expect([refused.state, refused.lastErrorCode, done.state]).toEqual(['refused', 'STATISTIC.HS_LEVEL_OVERLAP', 'done']);
      expect(refused.lastError).toContain(`${byHand.countryCode}-${byHand.hsCode}-${month}`);
      expect(processed).toBe(1);
      expect((await stored(month, ['02'])).figures).toEqual(source(month, ['02']).figures);
      const { rows } = await db.query("select hs_code, value_usd from export_statistic where year = 2001 and month = 11 and country_code = $1 and hs_code like '01%'", [byHand.countryCode]);
      expect(rows).toEqual([{ hs_code: byHand.hsCode, value_usd: byHand.valueUsd }]);
    } finally {
      worker.process = process;
    }
  });

  it('given rows of a partner code no country has, when imported, then they are reported with their count and not applied', async () => {
    const month = '2001-08';
    await clearMonth(month);
    standIn.inject({ kind: 'unknown-partner', hsPrefix: '01' });

    const view = await run(month, ['01']);

    const china = [...standIn.state.source.rows('200108', '01')].filter((row) => row.statCd === 'CN');
    const others = source(month, ['01'], standIn.state.source, (row) => row.statCd !== 'CN');
    expect(china.length).toBeGreaterThan(0);
    expect(view.units[0]).toMatchObject({ state: 'done', unknownPartners: [{ code: UNKNOWN_PARTNER_CODE, name: '중국', reason: 'unknown-code', rows: china.length }] });
    expect(view.counts).toMatchObject({ unknownPartnerRows: china.length, recorded: others.figures.size });
    expect((await stored(month, ['01'])).figures).toEqual(others.figures);
  });
});

function summarise(rows: readonly [string, string, string][]): Expected {
  const figures = new Map<string, { value: string; weight: string }>();
  let valueUsd = new Decimal(0);
  let weightKg = new Decimal(0);
  for (const [key, value, weight] of rows) {
    figures.set(key, { value: new Decimal(value).toFixed(2), weight: new Decimal(weight).toFixed(3) });
    valueUsd = valueUsd.plus(value);
    weightKg = weightKg.plus(weight);
  }
  return { figures: new Map([...figures].sort(([a], [b]) => (a < b ? -1 : 1))), valueUsd, weightKg };
}

/** The sum of every chapter's grand total as the stand-in would write it: its rows, all of them. */
function sumOfGrandTotals(data: StandInData, month: string): { value: Decimal; weight: Decimal } {
  let value = new Decimal(0);
  let weight = new Decimal(0);
  for (const row of data.rows(month.replace('-', ''), '')) {
    value = value.plus(row.expDlr);
    weight = weight.plus(row.expWgt);
  }
  return { value, weight };
}

function difference(before: Expected, after: Expected): { recorded: number; revised: number; retracted: number; unchanged: number } {
  let recorded = 0;
  let revised = 0;
  let unchanged = 0;
  for (const [key, figure] of after.figures) {
    const old = before.figures.get(key);
    if (old === undefined) recorded += 1;
    else if (old.value === figure.value && old.weight === figure.weight) unchanged += 1;
    else revised += 1;
  }
  const retracted = [...before.figures.keys()].filter((key) => !after.figures.has(key)).length;
  return { recorded, revised, retracted, unchanged };
}

async function deleteQueues(config: AppConfig): Promise<void> {
  const connection = await connect(config.RABBITMQ_URL);
  const channel = await connection.createChannel();
  for (const step of ['request', 'fetch', 'process'] as const) await channel.deleteQueue(workQueueName(config.BROKER_PREFIX, step));
  await connection.close();
}
