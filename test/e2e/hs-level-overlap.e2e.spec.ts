import { randomInt } from 'node:crypto';
import { anErrorResponse, aReceiptResponse } from '../support/graphql-expectations';
import { countRows, deleteStatistics, keyOf } from '../support/statistic-builders';
import { graphql, startTestApp, stopTestApp } from '../support/test-app';

const RULE = "within one partner and month no HS code may be a prefix of another's";

/**
 * The HS-level rule through GraphQL: a statistic that overlaps an active one at another level is a
 * CONFLICT naming it; a batch holding both levels is a VALIDATION error naming both items. Partner-
 * months are drawn from 1990-2004, which no other test records, so this runs beside them.
 */
describe('HS-level overlap through GraphQL', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  const created: string[] = [];

  beforeAll(async () => {
    harness = await startTestApp();
  });

  afterAll(async () => {
    await deleteStatistics(harness.db, created);
    await stopTestApp(harness);
  });

  function statistic(where: { countryCode: string; period: string }, hsCode: string) {
    const input = { ...where, hsCode, valueUsd: '1000.00', weightKg: '10' };
    created.push(keyOf(input));
    return input;
  }
  const partnerMonth = (countryCode: string) => ({ countryCode, period: `${1990 + randomInt(15)}-${String(1 + randomInt(12)).padStart(2, '0')}` });

  const record = (input: object) =>
    graphql(harness.app, 'mutation($input: RecordExportStatisticInput!) { recordExportStatistic(input: $input) { id version position } }', { input });
  const recordMany = (items: object[]) =>
    graphql(harness.app, 'mutation($items: [RecordExportStatisticInput!]!) { recordExportStatistics(items: $items) { recorded position } }', { items });

  it('answers a line under an active chapter with CONFLICT and STATISTIC.HS_LEVEL_OVERLAP, naming the chapter, and writes nothing', async () => {
    const where = partnerMonth('JP');
    const chapter = statistic(where, '85');
    const line = statistic(where, '8542310000');
    expect(await record(chapter)).toEqual(aReceiptResponse('recordExportStatistic', keyOf(chapter), 1));

    const refused = await record(line);

    expect(refused).toEqual(
      anErrorResponse(
        'recordExportStatistic',
        `${keyOf(line)} overlaps the active statistic ${keyOf(chapter)}: ${RULE}, or both would be counted in every total; retract ${keyOf(chapter)} first, or revise it instead`,
        {
          code: 'CONFLICT',
          errorCode: 'STATISTIC.HS_LEVEL_OVERLAP',
          key: keyOf(line),
          overlapping: { key: keyOf(chapter), countryCode: 'JP', hsCode: '85', period: where.period },
        },
      ),
    );
    expect(await countRows(harness.db, keyOf(line))).toEqual({ statistics: 0, events: 0 });
  });

  it('answers a batch with an item under a stored statistic with CONFLICT naming the item index, and writes none of it', async () => {
    const where = partnerMonth('US');
    const heading = statistic(where, '8703');
    await record(heading);
    const items = [statistic(partnerMonth('VN'), '8703231000'), statistic(where, '870323')];

    const refused = await recordMany(items);

    expect(refused).toEqual(
      anErrorResponse('recordExportStatistics', expect.stringContaining(`${keyOf(items[1])} overlaps the active statistic ${keyOf(heading)}`), {
        code: 'CONFLICT',
        errorCode: 'STATISTIC.HS_LEVEL_OVERLAP',
        key: keyOf(items[1]),
        overlapping: { key: keyOf(heading), countryCode: 'US', hsCode: '8703', period: where.period },
        index: 1,
      }),
    );
    for (const input of items) expect(await countRows(harness.db, keyOf(input))).toEqual({ statistics: 0, events: 0 });
  });

  it('answers a batch holding two levels of one partner-month with VALIDATION naming both items, and writes none of it', async () => {
    const where = partnerMonth('DE');
    const items = [statistic(where, '8542310000'), statistic(partnerMonth('IN'), '85'), statistic(where, '8542')];

    const refused = await recordMany(items);

    expect(refused).toEqual(
      anErrorResponse('recordExportStatistics', "2 of the batch's items are invalid; nothing was written", {
        code: 'VALIDATION',
        errorCode: 'STATISTIC.BATCH_INVALID',
        invalidCount: 2,
        invalidItems: [
          { index: 0, field: 'hsCode', reason: `overlaps item 2 (${keyOf(items[2])}): ${RULE}` },
          { index: 2, field: 'hsCode', reason: `overlaps item 0 (${keyOf(items[0])}): ${RULE}` },
        ],
      }),
    );
    for (const input of items) expect(await countRows(harness.db, keyOf(input))).toEqual({ statistics: 0, events: 0 });
  });
});
