import { endedUnits, EXIT_FAILED, EXIT_UNITS_NEED_AN_OPERATOR, exitCodeOf, parseImportArguments } from './customs-import.cli';

const counts = (unitsByState: Record<string, number>, refused = 0, deadLettered = 0) => ({
  units: Object.values(unitsByState).reduce((sum, n) => sum + n, 0),
  unitsByState,
  fetched: 0, recorded: 0, revised: 0, retracted: 0, unchanged: 0, unknownPartnerRows: 0,
  refused,
  deadLettered,
});

describe('parseImportArguments', () => {
  it('given one month, then a one-month range, every chapter, waiting', () => {
    expect(parseImportArguments(['--from', '2026-10'])).toEqual({ months: '2026-10', hsCodes: undefined, hsFile: undefined, wait: true, visibleTimeoutMs: 300_000 });
  });

  it('given a range, HS codes and a file, then each is taken', () => {
    expect(parseImportArguments(['--from', '2026-01', '--to', '2026-03', '--hs', '85, 8542,', '--hs-file', 'codes.xlsx', '--no-wait', '--visible-timeout', '10'])).toEqual({
      months: '2026-01..2026-03',
      hsCodes: ['85', '8542'],
      hsFile: 'codes.xlsx',
      wait: false,
      visibleTimeoutMs: 10_000,
    });
  });

  it('given no --from, an unknown flag, an empty --hs or a bad timeout, then the error says which and shows usage', () => {
    expect(() => parseImportArguments([])).toThrow(/--from is required[\s\S]*usage: import:customs/);
    expect(() => parseImportArguments(['--from', '2026-10', '--month', '3'])).toThrow(/Unknown option '--month'[\s\S]*usage/);
    expect(() => parseImportArguments(['--from', '2026-10', '--hs', ','])).toThrow('--hs must list HS codes');
    expect(() => parseImportArguments(['--from', '2026-10', '--visible-timeout', '1.5'])).toThrow('--visible-timeout must be a whole number');
  });
});

describe('exitCodeOf and endedUnits', () => {
  it('given a completed import with every unit done, then 0', () => {
    expect(exitCodeOf({ state: 'completed', counts: counts({ done: 3 }) })).toBe(0);
  });

  it('given a failed or cancelled import, then the failure code', () => {
    expect(exitCodeOf({ state: 'failed', counts: counts({ pending: 3 }) })).toBe(EXIT_FAILED);
    expect(exitCodeOf({ state: 'cancelled', counts: counts({ done: 1, pending: 2 }) })).toBe(EXIT_FAILED);
  });

  it('given a completed import with a dead-lettered or refused unit, then the code that asks for an operator', () => {
    expect(exitCodeOf({ state: 'completed', counts: counts({ done: 2, dead_lettered: 1 }, 0, 1) })).toBe(EXIT_UNITS_NEED_AN_OPERATOR);
    expect(exitCodeOf({ state: 'completed', counts: counts({ done: 2, refused: 1 }, 1, 0) })).toBe(EXIT_UNITS_NEED_AN_OPERATOR);
  });

  it('given units in every state, then the ended ones are all but pending, fetched and applying', () => {
    expect(endedUnits({ counts: counts({ pending: 1, fetched: 2, applying: 3, done: 4, split: 1, refused: 1, dead_lettered: 1, cancelled: 1 }) })).toBe(8);
  });
});
