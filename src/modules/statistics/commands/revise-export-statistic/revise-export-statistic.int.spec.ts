import { CommandBus } from '@nestjs/cqrs';
import { StatisticVersionConflictError } from '../../statistics.errors';
import { RecordExportStatisticCommand } from '../record-export-statistic/record-export-statistic.command';
import { ReviseExportStatisticCommand } from './revise-export-statistic.command';
import { startTestApp, stopTestApp } from '../../../../../test/support/test-app';
import { aStatisticInput, countRows, deleteStatistics, keyOf } from '../../../../../test/support/statistic-builders';

describe('reviseExportStatistic under concurrency (real PostgreSQL)', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  let commands: CommandBus;
  const created: string[] = [];
  const metadata = { correlationId: 'revise-race', causationId: null, actor: 'test' };

  beforeAll(async () => {
    harness = await startTestApp();
    commands = harness.app.get(CommandBus);
  });

  afterAll(async () => {
    await deleteStatistics(harness.db, created);
    await stopTestApp(harness);
  });

  it('given one statistic, when 20 revisions race with the same expected version, then exactly one wins', async () => {
    const input = aStatisticInput();
    created.push(keyOf(input));
    await commands.execute(new RecordExportStatisticCommand(input, metadata));

    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        commands.execute(
          new ReviseExportStatisticCommand({ ...input, expectedVersion: 1, valueUsd: `${1000 + i}.00` }, metadata),
        ),
      ),
    );

    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const conflicts = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' && outcome.reason instanceof StatisticVersionConflictError ? [outcome.reason] : [],
    );
    expect(won).toHaveLength(1);
    expect(conflicts).toHaveLength(19);
    expect(conflicts.map((conflict) => conflict.details)).toEqual(
      Array(19).fill({ key: keyOf(input), expectedVersion: 1, actualVersion: 2 }),
    );
    expect(await countRows(harness.db, keyOf(input))).toEqual({ statistics: 1, events: 2 });
    const { rows } = await harness.db.query('select value_usd, version from export_statistic where key = $1', [keyOf(input)]);
    const winner = won[0].status === 'fulfilled' ? won[0].value : null;
    expect(rows).toEqual([{ value_usd: expect.stringMatching(/^10\d\d\.00$/), version: winner?.version }]);
  });
});
