import fc from 'fast-check';
import { UsdAmount } from '../../../kernel/money';
import { WeightKg } from '../../../kernel/weight';
import { DuplicateStatisticError } from '../statistics.errors';
import { ExportStatistic } from './export-statistic';
import { ExportStatisticEvent } from './export-statistic.events';
import { evolve, initialState } from './export-statistic.state';
import { aContext, aKey, aStatistic, figures, observable } from '../../../../test/support/export-statistic.fixtures';

describe('ExportStatistic.pullPendingEvents', () => {
  it('given recorded events, when pulled twice, then the second pull is empty', () => {
    const statistic = ExportStatistic.unrecorded(aKey());
    statistic.record(figures('1'), aContext().build());

    expect(statistic.pullPendingEvents()).toHaveLength(1);
    expect(statistic.pullPendingEvents()).toEqual([]);
  });

  it('given a pulled event, when someone tries to change it, then it stays as recorded', () => {
    const statistic = ExportStatistic.unrecorded(aKey());
    statistic.record(figures('1'), aContext().build());
    const [event] = statistic.pullPendingEvents();

    expect(() => Object.assign(event.data, { valueUsd: '999.00' })).toThrow(TypeError);
    expect(() => Object.assign(event, { type: 'Other' })).toThrow(TypeError);
    expect(event).toMatchObject({ type: 'ExportStatisticRecorded', data: { valueUsd: '1.00' } });
  });
});

describe('ExportStatistic.fromHistory', () => {
  it('given the events of a record, revise, retract and re-record, when replayed, then it equals the aggregate that produced them', () => {
    const { statistic, history } = aStatistic().recorded('10').revisedTo('2000000').retracted().recorded('30').buildWithHistory();

    expect(observable(ExportStatistic.fromHistory(history))).toEqual(observable(statistic));
    expect(observable(statistic)).toEqual({
      key: 'CN-8518309000-2026-08',
      status: 'active',
      version: 5,
      valueUsd: '30.00',
      weightKg: '100.000',
    });
  });

  it('given only the events up to an instant, when replayed, then it gives the state as of then', () => {
    const { history } = aStatistic().recorded('10').revisedTo('20').retracted().buildWithHistory();

    const asOfFirstRevision = ExportStatistic.fromHistory(history.slice(0, 2));

    expect(observable(asOfFirstRevision)).toMatchObject({ status: 'active', version: 2, valueUsd: '20.00' });
  });

  it('given an empty history, when replayed, then it is refused because no key is named', () => {
    expect(() => ExportStatistic.fromHistory([])).toThrow(/use ExportStatistic.unrecorded\(key\)/);
  });

  it('given a replayed statistic, when a command runs, then it continues from the replayed version', () => {
    const { history } = aStatistic().recorded('10').buildWithHistory();
    const replayed = ExportStatistic.fromHistory(history);

    replayed.revise(1, figures('11'), aContext().build());

    expect(replayed.version).toBe(2);
  });
});

describe('evolve', () => {
  const recorded = (key: string, valueUsd: string): ExportStatisticEvent => {
    const { history } = aStatistic().withKey(key).recorded(valueUsd).buildWithHistory();
    return history[0];
  };

  it('given an event of another statistic, when applied, then it is refused (streams were mixed)', () => {
    const state = initialState(aKey('CN-85-2026-08'));

    expect(() => evolve(state, recorded('CN-85-2026-09', '1'))).toThrow(
      'ExportStatisticRecorded of CN-85-2026-09 cannot apply to statistic CN-85-2026-08',
    );
  });

  it('given a threshold event, when applied, then only the version moves', () => {
    const active = evolve(initialState(aKey(`CN-85-2026-08`)), recorded('CN-85-2026-08', '5'));
    const threshold: ExportStatisticEvent = {
      type: 'ExportThresholdExceeded',
      schemaVersion: 1,
      data: { countryCode: 'CN', hsCode: '85', period: '2026-08', valueUsd: '5.00', thresholdUsd: '1.00' },
    };

    expect(evolve(active, threshold)).toEqual({ ...active, version: 2 });
  });

  it('given a state, when an event is applied, then the old state is left untouched', () => {
    const before = initialState(aKey('CN-85-2026-08'));

    evolve(before, recorded('CN-85-2026-08', '5'));

    expect(before).toEqual({ status: 'unrecorded', key: aKey('CN-85-2026-08'), version: 0 });
  });
});

describe('ExportStatistic.restore', () => {
  const row = {
    key: aKey('JP-8703-2025-12'),
    valueUsd: UsdAmount.parse('42.00'),
    weightKg: WeightKg.parse('1.000'),
    status: 'active' as const,
    version: 4,
  };

  it('given a persisted row, when restored, then the getters and snapshot give the row back', () => {
    const statistic = ExportStatistic.restore(row);

    expect(observable(statistic)).toEqual({ key: 'JP-8703-2025-12', status: 'active', version: 4, valueUsd: '42.00', weightKg: '1.000' });
    expect(statistic.toSnapshot()).toEqual(row);
    expect(statistic.pullPendingEvents()).toEqual([]);
  });

  it('given a restored active statistic, when recorded, then it is a duplicate; when revised at its version, then it works', () => {
    const statistic = ExportStatistic.restore(row);

    expect(() => statistic.record(figures('1'), aContext().build())).toThrow(DuplicateStatisticError);
    statistic.revise(4, figures('43'), aContext().build());
    expect(statistic.version).toBe(5);
  });

  it.each([0, -1, 1.5])('given a row with version %p, when restored, then it is refused as corrupt', (version) => {
    expect(() => ExportStatistic.restore({ ...row, version })).toThrow(`stored version ${version} is not >= 1`);
  });

  it('given a row with an unknown status, when restored, then it is refused as corrupt', () => {
    const status = 'deleted' as unknown as 'active';

    expect(() => ExportStatistic.restore({ ...row, status })).toThrow('unknown stored status deleted');
  });

  it('given a statistic never recorded, when asked for a snapshot, then there is none to persist', () => {
    expect(ExportStatistic.unrecorded(aKey()).toSnapshot()).toBeNull();
    expect(ExportStatistic.unrecorded(aKey()).valueUsd).toBeNull();
  });
});

describe('ExportStatistic history property', () => {
  type Command = { kind: 'record' | 'revise' | 'retract'; cents: number; stale: boolean };
  const command = fc.record({
    kind: fc.constantFrom('record' as const, 'revise' as const, 'retract' as const),
    cents: fc.integer({ min: 0, max: 300_000_000 }),
    stale: fc.boolean(),
  });

  const run = (statistic: ExportStatistic, { kind, cents, stale }: Command) => {
    const context = aContext().build();
    const version = stale ? statistic.version - 1 : statistic.version;
    const next = figures(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`, `${cents % 1000}`);
    const before = observable(statistic);
    try {
      if (kind === 'record') statistic.record(next, context);
      if (kind === 'revise') statistic.revise(version, next, context);
      if (kind === 'retract') statistic.retract(version, 'property test');
    } catch {
      // Refused commands are part of the property: they must leave no trace.
      expect(observable(statistic)).toEqual(before);
    }
  };

  it('given any sequence of commands, when its events are replayed, then the result equals the aggregate and version counts events', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 25 }), (commands) => {
        const statistic = ExportStatistic.unrecorded(aKey());
        for (const each of commands) run(statistic, each);
        const history = statistic.pullPendingEvents();

        expect(statistic.version).toBe(history.length);
        if (history.length > 0) expect(observable(ExportStatistic.fromHistory(history))).toEqual(observable(statistic));
      }),
    );
  });
});
