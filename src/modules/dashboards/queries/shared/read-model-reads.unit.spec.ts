import { checkNotFuture, checkPastYear, checkPastYearMonth } from './read-model-reads';
import { Period } from '../../../../kernel/period';

describe('refusing periods after the current month', () => {
  // 10 August 2026 in Seoul.
  const now = new Date('2026-08-10T00:00:00Z');
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return { code: (error as { code: string }).code, category: (error as { category: string }).category, message: (error as Error).message, details: (error as { details: unknown }).details };
    }
    throw new Error('expected a refusal');
  };

  it('given the current month or earlier, when checked, then it is accepted', () => {
    expect(checkNotFuture(Period.parse('2026-08'), now, 'to').toString()).toBe('2026-08');
    expect(checkPastYear(2026, now)).toBe(2026);
    expect(checkPastYearMonth(2026, 8, now)).toEqual({ year: 2026, month: 8 });
    expect(checkPastYearMonth(2025, null, now)).toEqual({ year: 2025, month: null });
  });

  it('given a month after the current one, when checked, then a VALIDATION error names the argument and the current month', () => {
    expect(refusal(() => checkNotFuture(Period.parse('2026-09'), now, 'to'))).toEqual({
      code: 'READ_MODEL.FUTURE_PERIOD',
      category: 'VALIDATION',
      message: 'to 2026-09 is in the future (it is 2026-08 in Korea)',
      details: { field: 'to', reason: '2026-09 is in the future (it is 2026-08 in Korea)', currentPeriod: '2026-08' },
    });
    expect(refusal(() => checkPastYearMonth(2026, 9, now))).toEqual(expect.objectContaining({ code: 'READ_MODEL.FUTURE_PERIOD', details: expect.objectContaining({ field: 'month' }) }));
  });

  it('given a year after the current one, when checked, then it is refused naming the year as asked', () => {
    expect(refusal(() => checkPastYear(2027, now, 'filter.year'))).toEqual(
      expect.objectContaining({ code: 'READ_MODEL.FUTURE_PERIOD', message: 'filter.year 2027 is in the future (it is 2026-08 in Korea)' }),
    );
  });

  it('given a year out of range, when checked, then the plain range error comes first', () => {
    expect(refusal(() => checkPastYear(10_000, now))).toEqual(expect.objectContaining({ code: 'VALIDATION.INVALID_FIELD' }));
  });
});
