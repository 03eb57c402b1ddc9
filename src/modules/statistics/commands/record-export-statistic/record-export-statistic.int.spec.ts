import { CommandBus } from '@nestjs/cqrs';
import { ValidationError } from '../../../../kernel/domain-error';
import { DuplicateStatisticError } from '../../statistics.errors';
import { RecordExportStatisticCommand } from './record-export-statistic.command';
import { startTestApp, stopTestApp } from '../../../../../test/support/test-app';
import { UNKNOWN_COUNTRY_CODE, aStatisticInput, countRows, deleteStatistics, keyOf } from '../../../../../test/support/statistic-builders';

describe('recordExportStatistic (real PostgreSQL)', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  let commands: CommandBus;
  const created: string[] = [];
  const metadata = { correlationId: 'corr-record-int', causationId: 'cmd-1', actor: 'alice' };

  beforeAll(async () => {
    harness = await startTestApp();
    commands = harness.app.get(CommandBus);
  });

  afterAll(async () => {
    await deleteStatistics(harness.db, created);
    await stopTestApp(harness);
  });

  it('writes the row and its event in one go, with the metadata of the request', async () => {
    const input = aStatisticInput({ valueUsd: '2500000.00' });
    created.push(keyOf(input));

    const receipt = await commands.execute(new RecordExportStatisticCommand(input, metadata));

    const { rows } = await harness.db.query(
      `select type, stream_version, metadata, data, position::text from event_log
       where stream_id = $1 order by stream_version`,
      [`statistic:${keyOf(input)}`],
    );
    expect(rows).toEqual([
      {
        type: 'ExportStatisticRecorded',
        stream_version: 1,
        metadata,
        data: { countryCode: 'CN', hsCode: input.hsCode, period: '2026-08', valueUsd: '2500000.00', weightKg: '539.000' },
        position: expect.any(String),
      },
      {
        type: 'ExportThresholdExceeded',
        stream_version: 2,
        metadata,
        data: { countryCode: 'CN', hsCode: input.hsCode, period: '2026-08', valueUsd: '2500000.00', thresholdUsd: '1000000.00' },
        position: receipt.position,
      },
    ]);
    expect(receipt).toEqual({ id: keyOf(input), version: 2, position: rows[1].position });
  });

  it.each([
    ['an unknown country', { countryCode: UNKNOWN_COUNTRY_CODE }, ValidationError],
    ['a chapter the nomenclature lacks', { hsCode: '7700000000' }, ValidationError],
    ['a future month', { period: '2099-01' }, ValidationError],
    ['a negative value', { valueUsd: '-1' }, ValidationError],
  ])('given %s, rejects the command and writes nothing', async (_, override, errorType) => {
    const input = aStatisticInput(override);

    await expect(commands.execute(new RecordExportStatisticCommand(input, metadata))).rejects.toBeInstanceOf(errorType);

    expect(await countRows(harness.db, keyOf(input))).toEqual({ statistics: 0, events: 0 });
  });

  it('rejects a second record of an active statistic as a duplicate and leaves the first untouched', async () => {
    const input = aStatisticInput();
    created.push(keyOf(input));
    await commands.execute(new RecordExportStatisticCommand(input, metadata));

    await expect(
      commands.execute(new RecordExportStatisticCommand({ ...input, valueUsd: '1.00' }, metadata)),
    ).rejects.toBeInstanceOf(DuplicateStatisticError);

    expect(await countRows(harness.db, keyOf(input))).toEqual({ statistics: 1, events: 1 });
  });
});
