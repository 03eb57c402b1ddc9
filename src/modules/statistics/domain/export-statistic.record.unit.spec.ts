import { DomainError, ValidationError } from '../../../kernel/domain-error';
import { DuplicateStatisticError } from '../statistics.errors';
import { ExportStatistic } from './export-statistic';
import { aContext, aKey, aStatistic, figures } from '../../../../test/support/export-statistic.fixtures';

describe('ExportStatistic.record', () => {
  it('given a key with no history, when recorded, then one Recorded v1 event carries the key and canonical amounts', () => {
    const statistic = ExportStatistic.unrecorded(aKey('CN-8518309000-2026-08'));

    statistic.record(figures('1234.5', '12.5'), aContext().build());

    expect(statistic.pullPendingEvents()).toEqual([
      {
        type: 'ExportStatisticRecorded',
        schemaVersion: 1,
        data: { countryCode: 'CN', hsCode: '8518309000', period: '2026-08', valueUsd: '1234.50', weightKg: '12.500' },
      },
    ]);
    expect([statistic.status, statistic.version, `${statistic.valueUsd}`, `${statistic.weightKg}`]).toEqual([
      'active',
      1,
      '1234.50',
      '12.500',
    ]);
  });

  it('given the static factory, when a new key is recorded, then it gives an active statistic at version 1', () => {
    const statistic = ExportStatistic.record({ key: aKey('KR-0101-1988-01'), ...figures('0') }, aContext().build());

    expect(statistic.key.toString()).toBe('KR-0101-1988-01');
    expect([statistic.status, statistic.version]).toEqual(['active', 1]);
    expect(statistic.pullPendingEvents().map((event) => event.type)).toEqual(['ExportStatisticRecorded']);
  });

  it('given an active statistic at version 3, when recorded again, then it is a duplicate naming the key and version', () => {
    const statistic = aStatistic().recorded('10').revisedTo('20').revisedTo('30').build();

    const attempt = () => statistic.record(figures('40'), aContext().build());

    expect(attempt).toThrow(DuplicateStatisticError);
    expect(attempt).toThrow(
      expect.objectContaining({
        code: 'STATISTIC.DUPLICATE',
        category: 'DUPLICATE',
        details: { key: 'CN-8518309000-2026-08', currentVersion: 3 },
        message: 'A statistic for CN-8518309000-2026-08 already exists (version 3); revise it instead of recording it again',
      }),
    );
    expect(statistic.pullPendingEvents()).toEqual([]);
    expect(`${statistic.valueUsd}`).toBe('30.00');
  });

  it('given a retracted statistic at version 2, when recorded again, then the same stream continues at version 3', () => {
    const statistic = aStatistic().recorded('10').retracted().build();

    statistic.record(figures('15', '1.5'), aContext().build());

    const [event] = statistic.pullPendingEvents();
    expect(event.type).toBe('ExportStatisticRecorded');
    expect(event.data).toMatchObject({ valueUsd: '15.00', weightKg: '1.500' });
    expect([statistic.status, statistic.version]).toEqual(['active', 3]);
  });
});

describe('ExportStatistic.record threshold', () => {
  it('given a value one cent above the threshold, when recorded, then ExportThresholdExceeded follows the Recorded event', () => {
    const statistic = ExportStatistic.unrecorded(aKey());

    statistic.record(figures('1000000.01'), aContext().withThresholdUsd('1000000').build());

    expect(statistic.pullPendingEvents()).toEqual([
      expect.objectContaining({ type: 'ExportStatisticRecorded' }),
      {
        type: 'ExportThresholdExceeded',
        schemaVersion: 1,
        data: { countryCode: 'CN', hsCode: '8518309000', period: '2026-08', valueUsd: '1000000.01', thresholdUsd: '1000000.00' },
      },
    ]);
    expect(statistic.version).toBe(2);
  });

  it('given a value exactly at the threshold, when recorded, then no threshold event is raised (strictly above only)', () => {
    const statistic = ExportStatistic.unrecorded(aKey());

    statistic.record(figures('1000000.00'), aContext().build());

    expect(statistic.pullPendingEvents().map((event) => event.type)).toEqual(['ExportStatisticRecorded']);
  });

  it('given a configured threshold of 500, when 500.01 is recorded, then the configured threshold applies', () => {
    const statistic = ExportStatistic.unrecorded(aKey());

    statistic.record(figures('500.01'), aContext().withThresholdUsd('500').build());

    expect(statistic.pullPendingEvents()[1]?.data).toMatchObject({ valueUsd: '500.01', thresholdUsd: '500.00' });
  });
});

describe('ExportStatistic.record invariants', () => {
  const refused = (keyRaw: string, context = aContext().build()) => {
    const statistic = ExportStatistic.unrecorded(aKey(keyRaw));
    let error: unknown;
    try {
      statistic.record(figures('1'), context);
    } catch (caught) {
      error = caught;
    }
    // A rejected command writes nothing (DESIGN invariant 4).
    expect(statistic.pullPendingEvents()).toEqual([]);
    expect(statistic.version).toBe(0);
    return error;
  };

  it('given a country the reference does not know, when recorded, then it is a validation error on countryCode', () => {
    const error = refused('US-85-2026-08', aContext().withoutCountry('US').build());

    expect(error).toEqual(new ValidationError('countryCode', 'US is not a known country'));
    expect(error).toMatchObject({ category: 'VALIDATION', details: { field: 'countryCode' } });
  });

  it('given ZZ (other countries) known to the reference, when recorded, then it is accepted', () => {
    const statistic = ExportStatistic.unrecorded(aKey('ZZ-85-2026-08'));

    statistic.record(figures('1'), aContext().build());

    expect(statistic.status).toBe('active');
  });

  it('given an HS code whose chapter does not exist, when recorded, then it is a validation error on hsCode', () => {
    const error = refused('CN-7712345678-2026-08');

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      message: 'hsCode 7712345678 is in chapter 77, which the HS nomenclature does not have',
      details: { field: 'hsCode' },
    });
  });

  it('given a chapter removed from the reference, when a heading in it is recorded, then it is refused', () => {
    expect(refused('CN-8518-2026-08', aContext().withoutChapter('85').build())).toBeInstanceOf(ValidationError);
  });

  it('given 2026-11-30T15:30Z (already December in Korea), when 2026-12 is recorded, then it is accepted', () => {
    const statistic = ExportStatistic.unrecorded(aKey('CN-85-2026-12'));

    statistic.record(figures('1'), aContext().at('2026-11-30T15:30:00Z').build());

    expect(statistic.version).toBe(1);
  });

  it('given 2026-11-30T14:30Z (still November in Korea), when 2026-12 is recorded, then the future period is refused', () => {
    const error = refused('CN-85-2026-12', aContext().at('2026-11-30T14:30:00Z').build());

    expect(error).toEqual(new ValidationError('period', '2026-12 is in the future (it is 2026-11 in Korea)'));
  });

  it('given the current Korean month, when recorded, then it is accepted (only later months are future)', () => {
    const statistic = ExportStatistic.unrecorded(aKey('CN-85-2026-11'));

    statistic.record(figures('1'), aContext().at('2026-11-01T00:00:00Z').build());

    expect(statistic.status).toBe('active');
  });

  it('given an active statistic and an unknown country, when recorded, then validation is reported before the duplicate', () => {
    const statistic = aStatistic().recorded().build();

    expect(() => statistic.record(figures('1'), aContext().withoutCountry('CN').build())).toThrow(ValidationError);
  });

  it('given any refusal, when raised, then it is a DomainError the API can map', () => {
    expect(refused('CN-85-2027-01')).toBeInstanceOf(DomainError);
  });
});
