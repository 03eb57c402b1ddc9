import { ValidationError } from '../../../kernel/domain-error';
import { StatisticNotFoundError, StatisticRetractedError, StatisticVersionConflictError } from '../statistics.errors';
import { ExportStatistic, MAX_RETRACTION_REASON_LENGTH } from './export-statistic';
import { aKey, aStatistic, observable } from '../../../../test/support/export-statistic.fixtures';

describe('ExportStatistic.retract', () => {
  it('given an active statistic, when retracted without a version, then Retracted carries the trimmed reason and withdrawn figures', () => {
    const statistic = aStatistic().recorded('100', '10').build();

    statistic.retract(undefined, '  duplicate of the customs line  ');

    expect(statistic.pullPendingEvents()).toEqual([
      {
        type: 'ExportStatisticRetracted',
        schemaVersion: 1,
        data: {
          countryCode: 'CN',
          hsCode: '8518309000',
          period: '2026-08',
          reason: 'duplicate of the customs line',
          previousValueUsd: '100.00',
          previousWeightKg: '10.000',
        },
      },
    ]);
    expect(observable(statistic)).toEqual({
      key: 'CN-8518309000-2026-08',
      status: 'retracted',
      version: 2,
      valueUsd: '100.00',
      weightKg: '10.000',
    });
  });

  it('given a statistic at version 2, when retracted with version 2, then it is retracted at version 3', () => {
    const statistic = aStatistic().recorded('1').revisedTo('2').build();

    statistic.retract(2, 'wrong partner country');

    expect([statistic.status, statistic.version]).toEqual(['retracted', 3]);
  });

  it('given a statistic at version 2, when retracted with version 1, then it is a conflict and nothing is recorded', () => {
    const statistic = aStatistic().recorded('1').revisedTo('2').build();

    expect(() => statistic.retract(1, 'wrong partner country')).toThrow(StatisticVersionConflictError);
    expect(statistic.pullPendingEvents()).toEqual([]);
    expect(statistic.status).toBe('active');
  });

  it('given a key never recorded, when retracted, then it is not found', () => {
    expect(() => ExportStatistic.unrecorded(aKey()).retract(undefined, 'typo')).toThrow(StatisticNotFoundError);
  });

  it('given an already retracted statistic, when retracted again, then it is reported as retracted', () => {
    const statistic = aStatistic().recorded().retracted().build();

    expect(() => statistic.retract(undefined, 'again')).toThrow(StatisticRetractedError);
    expect(statistic.version).toBe(2);
  });

  it.each(['', '   '])('given the blank reason %j, when retracted, then the reason is required', (reason) => {
    const statistic = aStatistic().recorded().build();

    expect(() => statistic.retract(1, reason)).toThrow(new ValidationError('reason', 'must not be empty'));
    expect(statistic.pullPendingEvents()).toEqual([]);
  });

  it('given a reason of exactly 500 characters, when retracted, then it is accepted; 501 are refused', () => {
    expect(MAX_RETRACTION_REASON_LENGTH).toBe(500);
    const accepted = aStatistic().recorded().build();
    const refused = aStatistic().recorded().build();

    accepted.retract(1, '사'.repeat(500));

    expect(accepted.status).toBe('retracted');
    expect(() => refused.retract(1, 'x'.repeat(501))).toThrow('reason must be at most 500 characters, got 501');
  });

  it('given a blank reason on a statistic never recorded, when retracted, then the input error comes first', () => {
    expect(() => ExportStatistic.unrecorded(aKey()).retract(undefined, '')).toThrow(ValidationError);
  });
});
