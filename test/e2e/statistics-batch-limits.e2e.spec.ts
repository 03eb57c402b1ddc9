import { anErrorBody } from '../support/graphql-expectations';
import { aStatisticInput, deleteStatistics, keyOf } from '../support/statistic-builders';
import { graphql, startTestApp, stopTestApp } from '../support/test-app';

const MUTATION = `mutation($items: [RecordExportStatisticInput!]!) {
  recordExportStatistics(items: $items) { recorded revised unchanged position } }`;
const LIMIT = 3;

describe('recordExportStatistics: a capped size and each statistic once, refused before anything is written', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  const created: string[] = [];

  beforeAll(async () => {
    harness = await startTestApp({ BATCH_MUTATION_MAX_ITEMS: String(LIMIT) });
  });

  afterAll(async () => {
    await deleteStatistics(harness.db, created);
    await stopTestApp(harness);
  });

  const someItems = (count: number) => {
    const items = Array.from({ length: count }, () => aStatisticInput());
    created.push(...items.map(keyOf));
    return items;
  };
  const written = async (keys: readonly string[]) => {
    const { rows } = await harness.db.query<{ statistics: number; events: number }>(
      `select (select count(*) from export_statistic where key = any($1::text[]))::int as statistics,
              (select count(*) from event_log where stream_id = any($2::text[]))::int as events`,
      [keys, keys.map((key) => `statistic:${key}`)],
    );
    return rows[0];
  };

  it('refuses one item over BATCH_MUTATION_MAX_ITEMS as VALIDATION naming the limit and the count, and takes the limit itself', async () => {
    const over = someItems(LIMIT + 1);
    const atLimit = someItems(LIMIT);

    const refused = await graphql(harness.app, MUTATION, { items: over });
    const accepted = await graphql(harness.app, MUTATION, { items: atLimit });

    expect(refused.body).toEqual(
      anErrorBody('recordExportStatistics', `The batch has ${LIMIT + 1} items; a mutation takes at most ${LIMIT} (send bigger loads through the import); nothing was written`, {
        code: 'VALIDATION',
        errorCode: 'STATISTIC.BATCH_TOO_LARGE',
        field: 'items',
        limit: LIMIT,
        count: LIMIT + 1,
      }),
    );
    expect(await written(over.map(keyOf))).toEqual({ statistics: 0, events: 0 });
    expect(accepted.body).toEqual({ data: { recordExportStatistics: { recorded: LIMIT, revised: 0, unchanged: 0, position: expect.stringMatching(/^\d+$/) } } });
  });

  it('refuses a batch that names one statistic twice, with the key and both indexes, and writes none of it', async () => {
    const [first, second] = someItems(2);
    // The same statistic as `first`, spelled in lower case: the keys are compared as parsed.
    const again = { ...first, countryCode: first.countryCode.toLowerCase(), valueUsd: '7.00' };

    const refused = await graphql(harness.app, MUTATION, { items: [first, second, again] });

    expect(refused.body).toEqual(
      anErrorBody('recordExportStatistics', `Items 0 and 2 both name ${keyOf(first)}: a batch names each statistic once; nothing was written`, {
        code: 'VALIDATION',
        errorCode: 'STATISTIC.BATCH_REPEATED_KEY',
        field: 'items',
        key: keyOf(first),
        indexes: [0, 2],
        repeatedCount: 1,
      }),
    );
    expect(await written([keyOf(first), keyOf(second)])).toEqual({ statistics: 0, events: 0 });
  });
});
