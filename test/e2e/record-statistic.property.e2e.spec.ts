import fc from 'fast-check';
import { TEST_OPERATOR_KEY } from '../support/test-config';
import { graphql, startTestApp, stopTestApp } from '../support/test-app';

/**
 * Malformed input of every shape sent to recordExportStatistic: the answer is never a server
 * error, always a GraphQL error, and nothing at all is written.
 */
describe('recordExportStatistic with malformed input (property)', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    harness = await startTestApp();
  });

  afterAll(async () => {
    await stopTestApp(harness);
  });

  const junk = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 2 }),
    fc.object({ maxDepth: 1 }),
  );
  const valid = {
    countryCode: fc.constantFrom('CN', 'cn'),
    hsCode: fc.constantFrom('85', '8518', '851830', '8518309000'),
    period: fc.constantFrom('2020-01', '2026-08'),
    valueUsd: fc.constantFrom('0', '50463', '1.50', 7),
    weightKg: fc.constantFrom('0', '539.125', 3),
  };
  const fields = Object.keys(valid) as (keyof typeof valid)[];
  // At least one field is broken: replaced by junk, a near miss, or missing.
  const malformed = fc
    .record({ broken: fc.subarray(fields, { minLength: 1 }), base: fc.record(valid) })
    .chain(({ broken, base }) =>
      fc.tuple(fc.constant(base), fc.constant(broken), fc.array(fc.oneof(junk, nearMiss(), fc.constant(undefined)), {
        minLength: broken.length,
        maxLength: broken.length,
      })),
    )
    .map(([base, broken, values]) => {
      const input: Record<string, unknown> = { ...base };
      broken.forEach((field, i) => (values[i] === undefined ? delete input[field] : (input[field] = values[i])));
      return input;
    })
    .filter((input) => !isValid(input));

  it('never answers 5xx and never writes', async () => {
    // Rows and events are written together or not at all, so no event under this run's
    // correlation id means no write; other test runs on the same database do not disturb it.
    const correlationId = `property-${Date.now()}`;

    await fc.assert(
      fc.asyncProperty(malformed, async (input) => {
        const response = await graphql(
          harness.app,
          'mutation($input: RecordExportStatisticInput!) { recordExportStatistic(input: $input) { id version } }',
          { input },
          { 'x-api-key': TEST_OPERATOR_KEY, 'x-correlation-id': correlationId },
        );
        expect(response.statusCode).toBeLessThan(500);
        expect(response.body).toEqual({ data: null, errors: expect.arrayContaining([expect.objectContaining({ message: expect.any(String) })]) });
        expect(JSON.stringify(response.body)).not.toMatch(/Internal server error|at .+\.ts:\d+/);
      }),
      { numRuns: 300, seed: 20261121 },
    );

    const { rows } = await harness.db.query(
      `select count(*)::int as events from event_log where metadata->>'correlationId' = $1`,
      [correlationId],
    );
    expect(rows).toEqual([{ events: 0 }]);
  });
});

function nearMiss(): fc.Arbitrary<unknown> {
  return fc.constantFrom('ZZZ', 'C', 'QQ', '851', '85183', '0000000000000', '2026-13', '2026-00', '1987-12', '2999-01', '2026-8', '-1', '1.005', '1e3', 'NaN', 'Infinity', '', ' ', '12345678901234567890', 1.5, -7, 2 ** 60);
}

/** The inputs that would be accepted; the property only sends others. */
function isValid(input: Record<string, unknown>): boolean {
  const { countryCode, hsCode, period, valueUsd, weightKg } = input;
  const amount = (value: unknown, decimals: number) =>
    (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) ||
    (typeof value === 'string' && new RegExp(`^\\d{1,18}(\\.\\d{1,${decimals}}0*)?$`).test(value));
  return (
    typeof countryCode === 'string' && /^(CN|cn)$/.test(countryCode) &&
    typeof hsCode === 'string' && /^85(\d{2}|\d{4}|\d{8})?$/.test(hsCode) &&
    typeof period === 'string' && /^(2020-01|2026-08)$/.test(period) &&
    amount(valueUsd, 2) && amount(weightKg, 3)
  );
}
