import { Client } from '@elastic/elasticsearch';
import { ReadModelIndexManager } from '../../src/modules/dashboards/elasticsearch/read-model-index-manager';
import { ReadModelProjection } from '../../src/modules/dashboards/read-model.projection';
import { statisticEvents } from '../support/read-model-events';
import { testConfig } from '../support/test-config';

/**
 * The race compare-and-set exists for, made to happen: shard A reads its inputs and stops before
 * writing; shard B writes a new fact and its summaries; A goes on. Without if_seq_no, A's write
 * would put back a summary without B's fact. With it, A's write is refused and A recomputes.
 */
describe('summaries under compare-and-set', () => {
  const config = testConfig();
  const client = new Client({ node: config.ES_URL });
  const indexes = new ReadModelIndexManager(client, config.ES_INDEX_PREFIX);

  beforeAll(() => indexes.ensure());

  afterAll(async () => {
    await indexes.deleteAll();
    await client.close();
  });

  it.each(['months', 'years'] as const)('given two shards recomputing the same summaries at once, when the slower one writes its %s last, then no fact is lost', async (phase) => {
    const { slow, reachedGate, release } = pausedBefore(phase);
    const fast = new ReadModelProjection(client);

    const a = slow.applyBatch([statisticEvents.recorded(['CN', '8518309000', '2026-08'], 1, '100.00', '1.000')], indexes.aliases);
    await reachedGate;
    const b = await fast.applyBatch([statisticEvents.recorded(['US', '8518309000', '2026-08'], 1, '250.00', '2.000')], indexes.aliases);
    release();
    const outcome = await a;

    const total = await client.get<{ valueUsdCents: number; factCount: number }>({ index: indexes.aliases['monthly-trends'], id: 'total-2026-08' });
    const chapter = await client.get<{ valueUsdCents: number; months: object[] }>({ index: indexes.aliases['product-summaries'], id: '85-2026' });
    expect(b.summaryRetries).toBe(0);
    expect(outcome.summaryRetries).toBeGreaterThan(0);
    expect(total._source).toMatchObject({ valueUsdCents: 35_000, factCount: 2 });
    expect(chapter._source).toMatchObject({ valueUsdCents: 35_000 });
    expect(chapter._source?.months[7]).toMatchObject({ month: 8, valueUsdCents: 35_000, factCount: 2 });
  });

  it('given a year summary, when a later month is recomputed on its own, then the summary keeps the months it held', async () => {
    const projection = new ReadModelProjection(client);

    await projection.applyBatch([statisticEvents.recorded(['JP', '0901110000', '2025-03'], 1, '10.00', '1.000')], indexes.aliases);
    await projection.applyBatch([statisticEvents.recorded(['JP', '0901110000', '2025-11'], 1, '20.50', '1.000')], indexes.aliases);

    const country = await client.get<{ valueUsdCents: number; months: { month: number; valueUsdCents: number }[] }>({ index: indexes.aliases['country-summaries'], id: 'JP-2025' });
    expect(country._source?.valueUsdCents).toBe(3_050);
    expect(country._source?.months.filter((month) => month.valueUsdCents > 0)).toEqual([
      { month: 3, valueUsdCents: 1_000, weightGrams: 1_000, factCount: 1 },
      { month: 11, valueUsdCents: 2_050, weightGrams: 1_000, factCount: 1 },
    ]);
  });

  /** A projection that stops before its first write of `phase` until released. */
  function pausedBefore(phase: 'months' | 'years') {
    let release!: () => void;
    let paused!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const reachedGate = new Promise<void>((resolve) => (paused = resolve));
    let first = true;
    const slow = new ReadModelProjection(client, {
      beforeWrite: async (summaries) => {
        if (summaries !== phase || !first) return;
        first = false;
        paused();
        await gate;
      },
    });
    return { slow, reachedGate, release };
  }
});
