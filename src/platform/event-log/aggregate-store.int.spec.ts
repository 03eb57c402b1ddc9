import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { Pool } from 'pg';
import { ExportStatisticRecord } from '../../modules/statistics/infrastructure/export-statistic.entity';
import { aStatisticInput, countRows, deleteStatistics, keyOf } from '../../../test/support/statistic-builders';
import { testConfig } from '../../../test/support/test-config';
import { openWriteSide, type WriteSide } from '../../../test/support/write-side';
import { StreamVersionConflict, type AggregateChange } from './aggregate-store';
import { retryOnConflict } from './retry-on-conflict';

const METADATA = { correlationId: 'aggregate-store-int', causationId: null, actor: 'test' };
const AT = new Date('2026-09-01T00:00:00Z');

/** A change of one statistic to `version`, as if its aggregate had decided it at `expectedVersion`. */
function aChange(key: string, expectedVersion: number, valueUsd = '10.00'): AggregateChange<ExportStatisticRecord> {
  const [countryCode, hsCode, year, month] = key.split('-');
  const version = expectedVersion + 1;
  return {
    streamId: `statistic:${key}`,
    expectedVersion,
    row: {
      key,
      countryCode,
      hsCode,
      year: Number(year),
      month: Number(month),
      valueUsd,
      weightKg: '1.000',
      status: 'active',
      version,
      updatedAt: AT,
    },
    events: [{ type: version === 1 ? 'ExportStatisticRecorded' : 'ExportStatisticRevised', schemaVersion: 1, data: { valueUsd } }],
  };
}

describe('AggregateStore.saveMany (real PostgreSQL)', () => {
  const db = new Pool({ connectionString: testConfig().DATABASE_URL, max: 4 });
  let writeSide: WriteSide;
  const store = () => writeSide.store;
  const created: string[] = [];
  const newKey = () => {
    const key = keyOf(aStatisticInput());
    created.push(key);
    return key;
  };

  beforeAll(async () => {
    writeSide = await openWriteSide();
  });

  afterAll(async () => {
    await deleteStatistics(db, created);
    await db.end();
    await writeSide.close();
  });

  it('writes every row and event in one statement and answers with the last position', async () => {
    const [first, second] = [newKey(), newKey()];

    const saved = await store().saveMany(ExportStatisticRecord, [aChange(first, 0), aChange(second, 0)], METADATA, AT);

    const { rows } = await db.query<{ position: string }>(
      'select max(position)::text as position from event_log where stream_id = any($1::text[])',
      [[`statistic:${first}`, `statistic:${second}`]],
    );
    expect(saved).toEqual({ saved: 2, position: rows[0].position });
    expect(await countRows(db, first)).toEqual({ statistics: 1, events: 1 });
    expect(await countRows(db, second)).toEqual({ statistics: 1, events: 1 });
  });

  it('stores event data and metadata as written, newlines, quotes and backslashes included', async () => {
    const key = newKey();
    const change = aChange(key, 0);
    const data = { reason: 'line one\nline "two"\\ end', nested: { list: [1, 'a\r\nb'] } };
    const metadata = { ...METADATA, actor: 'ops "night"\nshift' };

    await store().saveMany(ExportStatisticRecord, [{ ...change, events: [{ ...change.events[0], data }] }], metadata, AT);

    const { rows } = await db.query('select data, metadata from event_log where stream_id = $1', [`statistic:${key}`]);
    expect(rows).toEqual([{ data, metadata }]);
  });

  // Behind: the event's stream version exists already. Ahead: only the statement's own count check
  // (event_log_expect_saved) notices that the update matched no row.
  it.each([
    ['behind', 1],
    ['ahead of', 5],
  ])('keeps nothing of a batch in which one update names a version %s the row', async (_, decidedOn) => {
    const [existing, fresh] = [newKey(), newKey()];
    await store().saveMany(ExportStatisticRecord, [aChange(existing, 0)], METADATA, AT);
    await store().saveMany(ExportStatisticRecord, [aChange(existing, 1, '20.00')], METADATA, AT);

    const refused = store().saveMany(ExportStatisticRecord, [aChange(fresh, 0), aChange(existing, decidedOn, '30.00')], METADATA, AT);

    await expect(refused).rejects.toBeInstanceOf(StreamVersionConflict);
    expect(await countRows(db, fresh)).toEqual({ statistics: 0, events: 0 });
    expect(await countRows(db, existing)).toEqual({ statistics: 1, events: 2 });
    const { rows } = await db.query('select value_usd::text, version from export_statistic where key = $1', [existing]);
    expect(rows).toEqual([{ value_usd: '20.00', version: 2 }]);
  });

  it('keeps nothing of a batch in which a new stream already exists', async () => {
    const [existing, fresh] = [newKey(), newKey()];
    await store().saveMany(ExportStatisticRecord, [aChange(existing, 0)], METADATA, AT);

    const duplicate = store().saveMany(ExportStatisticRecord, [aChange(fresh, 0), aChange(existing, 0, '99.00')], METADATA, AT);

    await expect(duplicate).rejects.toBeInstanceOf(StreamVersionConflict);
    expect(await countRows(db, fresh)).toEqual({ statistics: 0, events: 0 });
    expect(await countRows(db, existing)).toEqual({ statistics: 1, events: 1 });
  });

  it('lets exactly one of two racing batches on the same new stream win', async () => {
    const key = newKey();

    const outcomes = await Promise.allSettled([
      store().saveMany(ExportStatisticRecord, [aChange(key, 0, '1.00')], METADATA, AT),
      store().saveMany(ExportStatisticRecord, [aChange(key, 0, '2.00')], METADATA, AT),
    ]);

    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: expect.any(StreamVersionConflict) });
    expect(await countRows(db, key)).toEqual({ statistics: 1, events: 1 });
  });
});

describe('the write span of a lost race (real PostgreSQL, an in-memory tracer)', () => {
  const db = new Pool({ connectionString: testConfig().DATABASE_URL, max: 2 });
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let writeSide: WriteSide;
  const created: string[] = [];
  const newKey = () => {
    const key = keyOf(aStatisticInput());
    created.push(key);
    return key;
  };
  /** The write spans finished so far: name, status code and the names of their events. */
  const writeSpans = () =>
    exporter
      .getFinishedSpans()
      .filter((span) => span.name.startsWith('write '))
      .map((span) => ({ name: span.name, status: span.status.code, events: span.events.map((event) => event.name) }));

  beforeAll(async () => {
    provider.register();
    writeSide = await openWriteSide();
  });

  afterAll(async () => {
    await deleteStatistics(db, created);
    await db.end();
    await writeSide.close();
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  beforeEach(() => exporter.reset());

  it('a race lost with attempts left is an event of its span, not an error; the attempt that saves is ok', async () => {
    const key = newKey();
    await writeSide.store.save(ExportStatisticRecord, aChange(key, 0), METADATA, AT);
    exporter.reset();
    // The first attempt decides on version 0, which another writer has moved past; the second reads again.
    const saved = await retryOnConflict((attempt) => writeSide.store.save(ExportStatisticRecord, aChange(key, attempt - 1, '20.00'), METADATA, AT), 3);

    expect(saved.version).toBe(2);
    expect(writeSpans()).toEqual([
      { name: 'write export_statistic', status: SpanStatusCode.UNSET, events: ['retried'] },
      { name: 'write export_statistic', status: SpanStatusCode.UNSET, events: [] },
    ]);
  });

  it('the last lost race, and one that is not retried at all, mark their span failed', async () => {
    const key = newKey();
    await writeSide.store.saveMany(ExportStatisticRecord, [aChange(key, 0)], METADATA, AT);
    exporter.reset();

    const stale = () => writeSide.store.saveMany(ExportStatisticRecord, [aChange(key, 0, '30.00')], METADATA, AT);
    await expect(retryOnConflict(stale, 2)).rejects.toBeInstanceOf(StreamVersionConflict);
    await expect(writeSide.store.save(ExportStatisticRecord, aChange(key, 0, '40.00'), METADATA, AT)).rejects.toBeInstanceOf(StreamVersionConflict);

    expect(writeSpans()).toEqual([
      { name: 'write export_statistic batch', status: SpanStatusCode.UNSET, events: ['retried'] },
      { name: 'write export_statistic batch', status: SpanStatusCode.ERROR, events: ['exception'] },
      { name: 'write export_statistic', status: SpanStatusCode.ERROR, events: ['exception'] },
    ]);
    expect(await countRows(db, key)).toEqual({ statistics: 1, events: 1 });
  });
});
