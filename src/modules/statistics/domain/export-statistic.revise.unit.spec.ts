import { StatisticNotFoundError, StatisticRetractedError, StatisticVersionConflictError } from '../statistics.errors';
import { ExportStatistic } from './export-statistic';
import { aContext, aKey, aStatistic, figures, observable } from '../../../../test/support/export-statistic.fixtures';

const context = aContext().build();

describe('ExportStatistic.revise', () => {
  it('given an active statistic at version 1, when revised with version 1, then Revised carries the new and previous figures', () => {
    const statistic = aStatistic().recorded('100.00', '10.000').build();

    statistic.revise(1, figures('150.5', '12.25'), context);

    expect(statistic.pullPendingEvents()).toEqual([
      {
        type: 'ExportStatisticRevised',
        schemaVersion: 1,
        data: {
          countryCode: 'CN',
          hsCode: '8518309000',
          period: '2026-08',
          valueUsd: '150.50',
          weightKg: '12.250',
          previousValueUsd: '100.00',
          previousWeightKg: '10.000',
        },
      },
    ]);
    expect(observable(statistic)).toMatchObject({ status: 'active', version: 2, valueUsd: '150.50', weightKg: '12.250' });
  });

  it('given a statistic at version 2, when revised with expected version 1, then it throws a version conflict naming both versions', () => {
    const statistic = aStatistic().recorded('100').revisedTo('200').build();

    const attempt = () => statistic.revise(1, figures('300'), context);

    expect(attempt).toThrow(StatisticVersionConflictError);
    expect(attempt).toThrow(
      expect.objectContaining({
        code: 'STATISTIC.VERSION_CONFLICT',
        category: 'VERSION_CONFLICT',
        details: { key: 'CN-8518309000-2026-08', expectedVersion: 1, actualVersion: 2 },
      }),
    );
    expect(statistic.pullPendingEvents()).toEqual([]);
    expect(observable(statistic)).toMatchObject({ version: 2, valueUsd: '200.00' });
  });

  it('given a statistic at version 1, when revised with a version from the future, then it is a conflict too', () => {
    const statistic = aStatistic().recorded().build();

    expect(() => statistic.revise(5, figures('1'), context)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ expectedVersion: 5, actualVersion: 1 }) }),
    );
  });

  it('given a key never recorded, when revised (even with version 0), then it is not found', () => {
    const statistic = ExportStatistic.unrecorded(aKey());

    const attempt = () => statistic.revise(0, figures('1'), context);

    expect(attempt).toThrow(StatisticNotFoundError);
    expect(attempt).toThrow(
      expect.objectContaining({ code: 'STATISTIC.NOT_FOUND', category: 'NOT_FOUND', details: { key: 'CN-8518309000-2026-08' } }),
    );
  });

  it('given a retracted statistic, when revised with its current version, then it is reported as retracted (not found)', () => {
    const statistic = aStatistic().recorded().retracted().build();

    const attempt = () => statistic.revise(2, figures('1'), context);

    expect(attempt).toThrow(StatisticRetractedError);
    expect(attempt).toThrow(
      expect.objectContaining({
        code: 'STATISTIC.RETRACTED',
        category: 'NOT_FOUND',
        details: { key: 'CN-8518309000-2026-08', version: 2 },
      }),
    );
  });

  it('given a retracted statistic, when revised with a stale version, then retraction is reported before the conflict', () => {
    const statistic = aStatistic().recorded().retracted().build();

    expect(() => statistic.revise(1, figures('1'), context)).toThrow(StatisticRetractedError);
  });

  it('given the current figures written differently, when revised, then no event is recorded and it succeeds (idempotent)', () => {
    const statistic = aStatistic().recorded('100.00', '10.000').build();

    statistic.revise(1, figures('100', '10'), context);

    expect(statistic.pullPendingEvents()).toEqual([]);
    expect(statistic.version).toBe(1);
  });

  it('given the current figures but a stale version, when revised, then the conflict still wins', () => {
    const statistic = aStatistic().recorded('100').revisedTo('200').build();

    expect(() => statistic.revise(1, figures('200'), context)).toThrow(StatisticVersionConflictError);
  });

  it('given only the weight changes, when revised, then a Revised event is recorded', () => {
    const statistic = aStatistic().recorded('100', '10').build();

    statistic.revise(1, figures('100', '10.001'), context);

    expect(statistic.pullPendingEvents()[0]?.data).toMatchObject({ valueUsd: '100.00', weightKg: '10.001', previousWeightKg: '10.000' });
  });
});

describe('ExportStatistic.revise threshold', () => {
  it('given a value revised above the threshold, when revised, then ExportThresholdExceeded follows and takes a version', () => {
    const statistic = aStatistic().recorded('999999.99').build();

    statistic.revise(1, figures('2000000'), context);

    const events = statistic.pullPendingEvents();
    expect(events.map((event) => event.type)).toEqual(['ExportStatisticRevised', 'ExportThresholdExceeded']);
    expect(events[1]?.data).toEqual({
      countryCode: 'CN',
      hsCode: '8518309000',
      period: '2026-08',
      valueUsd: '2000000.00',
      thresholdUsd: '1000000.00',
    });
    expect(statistic.version).toBe(3);
  });

  it('given a value above the threshold, when revised down to exactly the threshold, then no alert is raised', () => {
    const statistic = aStatistic().recorded('5000000').build();

    statistic.revise(statistic.version, figures('1000000'), context);

    expect(statistic.pullPendingEvents().map((event) => event.type)).toEqual(['ExportStatisticRevised']);
  });

  it('given a value already above the threshold, when revised to another value above it, then it alerts again with the new value', () => {
    const statistic = aStatistic().recorded('5000000').build();

    statistic.revise(statistic.version, figures('6000000'), context);

    expect(statistic.pullPendingEvents()[1]).toMatchObject({
      type: 'ExportThresholdExceeded',
      data: { valueUsd: '6000000.00', thresholdUsd: '1000000.00' },
    });
  });
});
