import { CommandBus } from '@nestjs/cqrs';
import { randomInt } from 'node:crypto';
import { InvalidStatisticsBatchError, HsLevelOverlapError } from '../../statistics.errors';
import type { StatisticInput } from '../../statistic-input';
import { RecordExportStatisticsBatchCommand } from '../record-export-statistics-batch/record-export-statistics-batch.command';
import { RetractExportStatisticCommand } from '../retract-export-statistic/retract-export-statistic.command';
import { RecordExportStatisticCommand } from './record-export-statistic.command';
import { startTestApp, stopTestApp } from '../../../../../test/support/test-app';
import { countRows, deleteStatistics, keyOf } from '../../../../../test/support/statistic-builders';

/**
 * The HS-level rule against the real PostgreSQL: within one partner-month no active statistic's HS
 * code is a prefix of another's. Each test takes partner-months of its own (2005-2019, which no other
 * test records), so it runs beside other tests and twice in a row.
 */
describe('HS-level overlap (real PostgreSQL)', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  let commands: CommandBus;
  const created: string[] = [];
  const metadata = { correlationId: 'corr-hs-level-int', causationId: 'cmd-1', actor: 'alice' };
  const used = new Set<string>();

  /** A partner-month no other test and no earlier test of this run has used. */
  function partnerMonth(): Pick<StatisticInput, 'countryCode' | 'period'> {
    for (;;) {
      const countryCode = ['JP', 'US', 'DE', 'VN', 'IN'][randomInt(5)];
      const period = `${2005 + randomInt(15)}-${String(1 + randomInt(12)).padStart(2, '0')}`;
      if (!used.has(`${countryCode}-${period}`)) {
        used.add(`${countryCode}-${period}`);
        return { countryCode, period };
      }
    }
  }

  function statistic(where: Pick<StatisticInput, 'countryCode' | 'period'>, hsCode: string): StatisticInput {
    const input = { ...where, hsCode, valueUsd: '1000.00', weightKg: '10.000' };
    created.push(keyOf(input));
    return input;
  }

  const record = (input: StatisticInput) => commands.execute(new RecordExportStatisticCommand(input, metadata));
  const retract = (input: StatisticInput) =>
    commands.execute(new RetractExportStatisticCommand({ ...input, expectedVersion: null, reason: 'entered at the wrong level' }, metadata));
  const recordMany = (items: StatisticInput[]) => commands.execute(new RecordExportStatisticsBatchCommand(items, metadata));

  beforeAll(async () => {
    harness = await startTestApp();
    commands = harness.app.get(CommandBus);
  });

  afterAll(async () => {
    await deleteStatistics(harness.db, created);
    await stopTestApp(harness);
  });

  it('given records at three overlapping levels and a sibling raced at once, round after round, then one level wins and the others are refused naming it, with nothing of theirs written', async () => {
    const rounds = 25;
    for (let round = 0; round < rounds; round++) {
      const where = partnerMonth();
      const levels = ['85', '8542', '8542310000'].map((hsCode) => statistic(where, hsCode));
      const sibling = statistic(where, '8703231000');

      const [outcomes, siblingOutcome] = await Promise.all([Promise.allSettled(levels.map(record)), Promise.allSettled([record(sibling)])]);

      const winners = levels.filter((_, i) => outcomes[i].status === 'fulfilled');
      expect(winners).toHaveLength(1);
      const winner = keyOf(winners[0]);
      expect(siblingOutcome[0].status).toBe('fulfilled');
      for (const [i, outcome] of outcomes.entries()) {
        if (outcome.status === 'fulfilled') continue;
        const error = outcome.reason as HsLevelOverlapError;
        expect(error).toBeInstanceOf(HsLevelOverlapError);
        expect(error.details).toEqual({
          key: keyOf(levels[i]),
          overlapping: { key: winner, countryCode: where.countryCode, hsCode: winner.split('-')[1], period: where.period },
        });
        expect(error.message).toContain(`overlaps the active statistic ${winner}`);
        expect(await countRows(harness.db, keyOf(levels[i]))).toEqual({ statistics: 0, events: 0 });
      }
      expect(await countRows(harness.db, winner)).toEqual({ statistics: 1, events: 1 });
    }
  });

  it('given two batches raced at overlapping levels, then one batch is written whole and the other refused naming the winner, with nothing of it written', async () => {
    for (let round = 0; round < 10; round++) {
      const where = partnerMonth();
      const broad = [statistic(where, '8542'), statistic(where, '8703')];
      const narrow = [statistic(where, '8704101000'), statistic(where, '8542310000')];

      const outcomes = await Promise.allSettled([recordMany(broad), recordMany(narrow)]);

      const won = outcomes.findIndex((outcome) => outcome.status === 'fulfilled');
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const [winner, loser] = won === 0 ? [broad, narrow] : [narrow, broad];
      const refusal = outcomes[1 - won] as PromiseRejectedResult;
      expect(refusal.reason).toBeInstanceOf(HsLevelOverlapError);
      expect((refusal.reason as HsLevelOverlapError).details).toMatchObject({
        key: keyOf(won === 0 ? narrow[1] : broad[0]),
        overlapping: { key: keyOf(won === 0 ? broad[0] : narrow[1]) },
      });
      for (const input of winner) expect(await countRows(harness.db, keyOf(input))).toEqual({ statistics: 1, events: 1 });
      for (const input of loser) expect(await countRows(harness.db, keyOf(input))).toEqual({ statistics: 0, events: 0 });
    }
  });

  it('given a batch holding a chapter and a line under it, then it is refused before any write, naming both items with each other', async () => {
    const where = partnerMonth();
    const items = [statistic(where, '85'), statistic(partnerMonth(), '85'), statistic(where, '8542310000')];

    const refusal = recordMany(items);

    await expect(refusal).rejects.toBeInstanceOf(InvalidStatisticsBatchError);
    const error = (await refusal.catch((caught: unknown) => caught)) as InvalidStatisticsBatchError;
    const reason = (index: number) => `overlaps item ${index} (${keyOf(items[index])}): within one partner and month no HS code may be a prefix of another's`;
    expect(error.details).toEqual({
      invalidCount: 2,
      invalidItems: [
        { index: 0, field: 'hsCode', reason: reason(2) },
        { index: 2, field: 'hsCode', reason: reason(0) },
      ],
    });
    for (const input of items) expect(await countRows(harness.db, keyOf(input))).toEqual({ statistics: 0, events: 0 });
  });

  it('given a batch with an item under a stored chapter, then it is refused before any write, naming the item and the stored statistic', async () => {
    const where = partnerMonth();
    const chapter = statistic(where, '85');
    await record(chapter);
    const items = [statistic(partnerMonth(), '8542310000'), statistic(where, '854231')];

    const refusal = recordMany(items);

    await expect(refusal).rejects.toBeInstanceOf(HsLevelOverlapError);
    expect(((await refusal.catch((caught: unknown) => caught)) as HsLevelOverlapError).details).toEqual({
      key: keyOf(items[1]),
      overlapping: { key: keyOf(chapter), countryCode: where.countryCode, hsCode: '85', period: where.period },
      index: 1,
    });
    for (const input of items) expect(await countRows(harness.db, keyOf(input))).toEqual({ statistics: 0, events: 0 });
  });

  it('given a retracted chapter, then a line under it may be recorded, and the chapter cannot come back over the line', async () => {
    const where = partnerMonth();
    const chapter = statistic(where, '85');
    const line = statistic(where, '8542310000');
    await record(chapter);
    await expect(record(line)).rejects.toBeInstanceOf(HsLevelOverlapError);

    await retract(chapter);
    const written = await record(line);

    expect(written).toMatchObject({ id: keyOf(line), version: 1 });
    await expect(record(chapter)).rejects.toThrow(`${keyOf(chapter)} overlaps the active statistic ${keyOf(line)}`);
    await expect(recordMany([chapter])).rejects.toMatchObject({ details: { key: keyOf(chapter), overlapping: { key: keyOf(line) }, index: 0 } });
    expect(await countRows(harness.db, keyOf(chapter))).toEqual({ statistics: 1, events: 2 });
  });
});
