import fc from 'fast-check';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Pool } from 'pg';
import { startTestApp, stopTestApp } from '../support/test-app';

/**
 * Numbers and cursors out of range are the client's mistake, in every operation that takes them:
 * each is answered VALIDATION naming the field, never INTERNAL from a store. Driven over the
 * operations and values at once (fast-check), not one field each.
 */
const OPERATIONS = {
  partnerRanking: (args: string) => `{ partnerRanking(${args}) { totalCount } }`,
  productRanking: (args: string) => `{ productRanking(${args}) { totalCount } }`,
  statisticFacts: (args: string) => `{ statisticFacts(filter: { year: 2025 }, ${args}) { totalCount } }`,
  dashboardSummary: (args: string) => `{ dashboardSummary(${args}) { year } }`,
  countryProfile: (args: string) => `{ countryProfile(code: "CN", ${args}) { countryCode } }`,
};
type Operation = keyof typeof OPERATIONS;
const PAGED: Operation[] = ['partnerRanking', 'productRanking', 'statisticFacts'];
// Sizes above 1,500 cost more than the complexity limit allows, a typed refusal of its own (graphql-over-http).
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('numbers and cursors out of range are VALIDATION errors naming the field', () => {
  let harness: { app: NestFastifyApplication; db: Pool };

  beforeAll(async () => {
    harness = await startTestApp();
  });

  afterAll(async () => {
    await stopTestApp(harness);
  });

  const errorOf = async (query: string) => {
    const body = (await harness.app.inject({ method: 'POST', url: '/graphql', payload: { query } })).json();
    return body.errors?.[0]?.extensions;
  };
  const yearArg = (operation: Operation) => (operation === 'statisticFacts' ? '' : 'year: 2025, ');

  it('refuses a forged cursor (wrong types, wrong length, a rank of its own) in every paged query', async () => {
    const forged = fc.oneof(
      fc.constant('not base64 json'),
      fc.jsonValue().filter((value) => !Array.isArray(value)).map(cursorOf),
      fc.tuple(fc.integer({ max: -1 }), fc.string()).map(cursorOf),
      fc.tuple(fc.string(), fc.string()).map(cursorOf),
      fc.tuple(fc.nat(), fc.string({ maxLength: 3 }), fc.integer()).map(cursorOf),
      fc.tuple(fc.double({ noInteger: true, min: 0.1, max: 1e6 }), fc.string({ maxLength: 3 })).map(cursorOf),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PAGED), forged, async (operation, cursor) => {
        const code = await errorOf(OPERATIONS[operation](`${yearArg(operation)}after: ${JSON.stringify(cursor)}`));
        expect(code).toEqual(expect.objectContaining({ code: 'VALIDATION', field: 'after' }));
      }),
      { numRuns: 60 },
    );
  });

  it('refuses page sizes, years and log positions out of range in every operation that takes them', async () => {
    const cases = fc.oneof(
      fc.tuple(fc.constantFrom(...PAGED), fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 1001, max: 1500 }))).map(
        ([operation, first]) => [operation, `${yearArg(operation)}first: ${first}`, 'first'] as const,
      ),
      fc.tuple(fc.constantFrom<Operation>('partnerRanking', 'productRanking', 'dashboardSummary', 'countryProfile'), fc.oneof(fc.integer({ max: 1987 }), fc.integer({ min: 10_000, max: 2 ** 31 - 1 }))).map(
        ([operation, year]) => [operation, `year: ${year}`, 'year'] as const,
      ),
      fc.tuple(fc.constantFrom(...(Object.keys(OPERATIONS) as Operation[])), fc.bigInt({ min: 2n ** 63n, max: 10n ** 19n - 1n })).map(
        ([operation, position]) => [operation, `${yearArg(operation)}consistency: { atLeastPosition: "${position}" }`, 'consistency.atLeastPosition'] as const,
      ),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ([operation, args, field]) => {
        expect(await errorOf(OPERATIONS[operation](args))).toEqual(expect.objectContaining({ code: 'VALIDATION', field }));
      }),
      { numRuns: 80 },
    );
  });
});
