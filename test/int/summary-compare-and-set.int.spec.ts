import { Client } from '@elastic/elasticsearch';
import { ReadModelIndexManager } from '../../src/modules/dashboards/infrastructure/read-model-index-manager';
import { ReadModelProjection } from '../../src/modules/dashboards/projections/read-model.projection';
import { statisticEvents } from '../support/read-model-events';
import { testConfig } from '../support/test-config';

/**
 * The race compare-and-set exists for, made to happen: shard A reads the facts and stops before
 * writing; shard B writes a new fact and its summaries; A goes on. Without if_seq_no, A's write
 * would put back a total without B's fact. With it, A's write is refused and A recomputes.
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

  it('given two shards recomputing the same summaries at once, when the slower one writes last, then no fact is lost', async () => {
    let release!: () => void;
    let paused!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const reachedGate = new Promise<void>((resolve) => (paused = resolve));
    let first = true;
    const slow = new ReadModelProjection(client, {
      afterAggregate: async () => {
        if (!first) return;
        first = false;
        paused();
        await gate;
      },
    });
    const fast = new ReadModelProjection(client);

    const a = slow.applyBatch([statisticEvents.recorded(['CN', '8518309000', '2026-08'], 1, '100.00', '1.000')], indexes.aliases);
    await reachedGate;
    const b = await fast.applyBatch([statisticEvents.recorded(['US', '8518309000', '2026-08'], 1, '250.00', '2.000')], indexes.aliases);
    release();
    const outcome = await a;

    const total = await client.get<{ valueUsdCents: number; factCount: number }>({ index: indexes.aliases['monthly-trends'], id: 'total-2026-08' });
    const chapter = await client.get<{ valueUsdCents: number }>({ index: indexes.aliases['product-summaries'], id: '85-2026' });
    expect(b.summaryRetries).toBe(0);
    expect(outcome.summaryRetries).toBeGreaterThan(0);
    expect(total._source).toMatchObject({ valueUsdCents: 35_000, factCount: 2 });
    expect(chapter._source).toMatchObject({ valueUsdCents: 35_000 });
  });
});
