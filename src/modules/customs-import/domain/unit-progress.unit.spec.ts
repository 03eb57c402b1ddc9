import { UnitTransitionRefusedError } from '../customs-import.errors';
import { decideUnit, newUnitProgress, UnitCommand, UnitProgress } from './unit-progress';

const CHECKSUM = { sourceValueUsd: '10.00', sourceWeightKg: '2.000', rowsValueUsd: '10.00', rowsWeightKg: '2.000' };
const COUNTS = { recorded: 3, revised: 1, retracted: 2, unchanged: 4 };
const failure = (maxAttempts = 3): UnitCommand => ({ type: 'record-failure', code: 'CUSTOMS.MALFORMED_RESPONSE', message: 'bad XML', maxAttempts });

function given(...commands: UnitCommand[]): UnitProgress {
  return commands.reduce(decideUnit, newUnitProgress());
}

describe('decideUnit', () => {
  it('given a pending unit, when fetched, planned and finished, then it is done with its counts, one version per step', () => {
    const unit = given({ type: 'record-fetch', rows: 10 }, { type: 'start-applying', counts: COUNTS, unknownPartners: [], checksum: CHECKSUM }, { type: 'finish' });

    expect(unit).toMatchObject({ state: 'done', version: 4, attempts: 1, fetched: 10, checksum: CHECKSUM, ...COUNTS });
  });

  it('given a pending unit, when a fetch fails fewer times than allowed, then it stays pending with the error', () => {
    const unit = given(failure(), failure());

    expect(unit).toMatchObject({ state: 'pending', attempts: 2, lastErrorCode: 'CUSTOMS.MALFORMED_RESPONSE', lastError: 'bad XML' });
  });

  it('given a unit that failed twice, when its third attempt fails with three allowed, then it is dead-lettered with the reason', () => {
    expect(given(failure(), failure(), failure())).toMatchObject({ state: 'dead_lettered', attempts: 3, lastError: 'bad XML' });
  });

  it('given a dead-lettered unit, when replayed, then it is pending again with no attempts', () => {
    expect(given(failure(1), { type: 'replay' })).toMatchObject({ state: 'pending', attempts: 0, version: 3, lastError: 'bad XML' });
  });

  it('given a fetched unit, when refused, then it ends refused with the reason and no counts', () => {
    const unit = given({ type: 'record-fetch', rows: 10 }, { type: 'refuse', code: 'CUSTOMS_IMPORT.CHECKSUM_MISMATCH', message: 'rows 9, total 10', checksum: CHECKSUM });

    expect(unit).toMatchObject({ state: 'refused', lastError: 'rows 9, total 10', checksum: CHECKSUM, recorded: 0, retracted: 0 });
  });

  it.each<[string, UnitCommand[], UnitCommand]>([
    ['a done unit fetched again (a late redelivery)', [{ type: 'record-fetch', rows: 1 }, { type: 'start-applying', counts: COUNTS, unknownPartners: [], checksum: CHECKSUM }, { type: 'finish' }], { type: 'record-fetch', rows: 1 }],
    ['a pending unit applied', [], { type: 'start-applying', counts: COUNTS, unknownPartners: [], checksum: CHECKSUM }],
    ['a fetched unit split', [{ type: 'record-fetch', rows: 1 }], { type: 'split', code: 'CUSTOMS.TIMEOUT', message: 'slow' }],
    ['a done unit replayed', [{ type: 'record-fetch', rows: 1 }, { type: 'start-applying', counts: COUNTS, unknownPartners: [], checksum: CHECKSUM }, { type: 'finish' }], { type: 'replay' }],
  ])('given %s, then the command is refused', (_, history, command) => {
    expect(() => decideUnit(given(...history), command)).toThrow(UnitTransitionRefusedError);
  });
});
