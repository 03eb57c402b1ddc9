import { ValidationError } from './domain-error';
import { FIRST_YEAR, Period, PERIOD_TEXT } from './period';

describe('Period.parse', () => {
  it('given 2026-08, when parsed, then it is August 2026 and prints back the same', () => {
    const period = Period.parse('2026-08');

    expect([period.year, period.month]).toEqual([2026, 8]);
    expect(period.toString()).toBe('2026-08');
  });

  it.each([
    ['2026-01', 1],
    ['2026-12', 12],
  ])('given the boundary month %s, when parsed, then it is accepted', (raw, month) => {
    expect(Period.parse(raw).month).toBe(month);
  });

  it.each(['2026-00', '2026-13'])('given the out-of-range month %s, when parsed, then it is refused naming the month', (raw) => {
    expect(() => Period.parse(raw)).toThrow(
      new ValidationError('period', `month must be an integer from 1 to 12, got ${Number(raw.slice(5))}`),
    );
  });

  it.each(['2026-8', '202608', '2026/08', ' 2026-08', '26-08', '2026-08-01', '', '２０２６-08'])(
    'given %j, when parsed, then it is refused as not YYYY-MM',
    (raw) => {
      expect(() => Period.parse(raw)).toThrow(`period must look like YYYY-MM, got ${JSON.stringify(raw)}`);
    },
  );

  it('given the first HS year, when parsed, then 1988-01 is accepted and 1987-12 is refused', () => {
    expect(FIRST_YEAR).toBe(1988);
    expect(Period.parse('1988-01').toString()).toBe('1988-01');
    expect(() => Period.parse('1987-12')).toThrow('period year must be an integer from 1988, got 1987');
  });
});

describe('Period.of', () => {
  it('given a year and month, when created, then toString pads the month', () => {
    expect(Period.of(2026, 3).toString()).toBe('2026-03');
  });

  it.each([
    [2026.5, 1, 'year'],
    [2026, 1.5, 'month'],
    [Number.NaN, 1, 'year'],
    [2026, Number.POSITIVE_INFINITY, 'month'],
    [10000, 1, 'year'],
  ])('given year %p and month %p, when created, then the %s is refused', (year, month, part) => {
    expect(() => Period.of(year, month)).toThrow(new RegExp(`^period ${part} must be an integer`));
  });

  it('given a custom field name, when refused, then the error names that field', () => {
    expect(() => Period.of(2026, 0, 'from')).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'from' }) }));
  });
});

describe('Period ordering', () => {
  it('given two periods, when compared, then earlier < later across a year boundary', () => {
    const december = Period.parse('2025-12');
    const january = Period.parse('2026-01');

    expect(december.compare(january)).toBe(-1);
    expect(january.compare(december)).toBe(1);
    expect(january.compare(Period.of(2026, 1))).toBe(0);
    expect(january.equals(Period.of(2026, 1))).toBe(true);
    expect(january.equals(december)).toBe(false);
  });
});

describe('Period.containing and isAfter (Korea Standard Time)', () => {
  it('given 2026-11-30T15:30Z, when the containing month is asked, then it is already December in Korea', () => {
    expect(Period.containing(new Date('2026-11-30T15:30:00Z')).toString()).toBe('2026-12');
  });

  it('given 2026-11-30T14:59:59.999Z, when the containing month is asked, then it is still November in Korea', () => {
    expect(Period.containing(new Date('2026-11-30T14:59:59.999Z')).toString()).toBe('2026-11');
  });

  it('given New Year in Seoul but not yet in UTC, when asked, then the month is January of the next year', () => {
    expect(Period.containing(new Date('2026-12-31T15:00:00Z')).toString()).toBe('2027-01');
  });

  it('given 2026-12 and an instant just past midnight of 1 December in Seoul, when asked, then it is not in the future', () => {
    expect(Period.parse('2026-12').isAfter(new Date('2026-11-30T15:00:00Z'))).toBe(false);
  });

  it('given 2026-12 and an instant just before midnight of 1 December in Seoul, when asked, then it is in the future', () => {
    expect(Period.parse('2026-12').isAfter(new Date('2026-11-30T14:59:59Z'))).toBe(true);
  });

  it('given a past period, when asked, then it is not in the future', () => {
    expect(Period.parse('2026-10').isAfter(new Date('2026-11-15T00:00:00Z'))).toBe(false);
  });

  it('given an invalid Date, when asked, then it fails loudly rather than answering', () => {
    expect(() => Period.parse('2026-10').isAfter(new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('Period.plusMonths and monthsUntil', () => {
  it.each([
    ['2026-08', 1, '2026-09'],
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-08', -12, '2025-08'],
    ['2026-08', 0, '2026-08'],
    ['1989-03', -14, '1988-01'],
  ])('given %s, when %i months are added, then it is %s', (from, months, expected) => {
    expect(Period.parse(from).plusMonths(months).toString()).toBe(expected);
  });

  it('given the first HS month, when a month is taken away, then it is refused like any period before 1988', () => {
    expect(() => Period.parse('1988-01').plusMonths(-1)).toThrow(
      new ValidationError('period', 'year must be an integer from 1988, got 1987'),
    );
  });

  it('given a fraction of a month, when added, then it is refused', () => {
    expect(() => Period.parse('2026-08').plusMonths(0.5)).toThrow(RangeError);
  });

  it('given two periods, when counted, then monthsUntil is the difference in months, negative backwards', () => {
    const from = Period.parse('2025-11');

    expect(from.monthsUntil(Period.parse('2027-02'))).toBe(15);
    expect(from.monthsUntil(from)).toBe(0);
    expect(Period.parse('2027-02').monthsUntil(from)).toBe(-15);
  });
});

describe('Period.plusMonthsOrNull', () => {
  it.each([
    ['2026-08', -12, '2025-08'],
    ['1989-01', -12, '1988-01'],
    ['1988-01', 0, '1988-01'],
  ])('given %s, when %i months are added, then it is %s', (from, months, expected) => {
    expect(Period.parse(from).plusMonthsOrNull(months)?.toString()).toBe(expected);
  });

  it.each([
    ['1988-01', -1],
    ['1988-12', -12],
  ])('given %s, when %i months would reach before the first HS year, then there is no such month', (from, months) => {
    expect(Period.parse(from).plusMonthsOrNull(months)).toBeNull();
  });

  it('given a fraction of a month, when added, then it is refused', () => {
    expect(() => Period.parse('2026-08').plusMonthsOrNull(-0.5)).toThrow(RangeError);
  });
});

describe('Period.FIRST and Period.monthsOf', () => {
  it('given the first HS year, when asked for the first month, then it is 1988-01', () => {
    expect(Period.FIRST.toString()).toBe('1988-01');
    expect(Period.FIRST.plusMonthsOrNull(-1)).toBeNull();
  });

  it('given a year, when its months are asked, then they are January to December in order', () => {
    expect(Period.monthsOf(2025).map(String)).toEqual([
      '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06',
      '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12',
    ]);
  });

  it('given a year before the first HS year, when its months are asked, then it is refused', () => {
    expect(() => Period.monthsOf(1987)).toThrow(new ValidationError('year', 'year must be an integer from 1988, got 1987'));
  });
});

describe('PERIOD_TEXT (the wire shape)', () => {
  it.each(['2026-01', '2026-12', '1950-06'])('given %s, when checked, then the shape is accepted', (raw) => {
    expect(PERIOD_TEXT.test(raw)).toBe(true);
  });

  it.each(['2026-00', '2026-13', '2026-8', '2026-08-01', ''])('given %j, when checked, then the shape is refused', (raw) => {
    expect(PERIOD_TEXT.test(raw)).toBe(false);
  });
});
