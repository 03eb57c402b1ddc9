import { Client } from '@elastic/elasticsearch';
import { testConfig, uniqueName } from '../support/test-config';

describe('Elasticsearch round trip through the official client', () => {
  const config = testConfig();
  const client = new Client({ node: config.ES_URL });
  const index = uniqueName('test-rt');

  beforeAll(async () => {
    await client.indices.create({
      index,
      mappings: {
        properties: {
          country: { type: 'keyword' },
          hsCode: { type: 'keyword' },
          valueUsdCents: { type: 'long' },
        },
      },
    });
  });

  afterAll(async () => {
    await client.indices.delete({ index, ignore_unavailable: true });
    await client.close();
  });

  it('indexes, refreshes and finds documents, with an aggregation over them', async () => {
    await client.bulk({
      operations: [
        { index: { _index: index, _id: 'CN-851830-2026-08' } },
        { country: 'CN', hsCode: '851830', valueUsdCents: 5_046_300 },
        { index: { _index: index, _id: 'US-851830-2026-08' } },
        { country: 'US', hsCode: '851830', valueUsdCents: 120_000 },
        { index: { _index: index, _id: 'CN-010121-2026-08' } },
        { country: 'CN', hsCode: '010121', valueUsdCents: 99 },
      ],
    });
    await client.indices.refresh({ index });

    const result = await client.search<{ country: string }>({
      index,
      query: { term: { country: 'CN' } },
      sort: [{ hsCode: 'asc' }],
      aggs: { total: { sum: { field: 'valueUsdCents' } } },
    });

    expect(result.hits.hits.map((hit) => hit._id)).toEqual(['CN-010121-2026-08', 'CN-851830-2026-08']);
    expect(result.aggregations?.total).toEqual({ value: 5_046_399 });
  });
});
