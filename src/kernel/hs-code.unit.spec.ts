import { ValidationError } from './domain-error';
import { HsCode } from './hs-code';

describe('HsCode.of', () => {
  it.each([
    ['85', 2],
    ['8518', 4],
    ['851830', 6],
    ['8518309000', 10],
  ])('given %s, when created, then it is a level-%i code', (raw, level) => {
    const code = HsCode.of(raw);

    expect(code.value).toBe(raw);
    expect(code.level).toBe(level);
  });

  it.each([1, 3, 5, 7, 8, 9, 11, 12])('given %i digits, when created, then it is refused with the digit count', (length) => {
    expect(() => HsCode.of('1'.repeat(length))).toThrow(
      new ValidationError('hsCode', `must be 2, 4, 6 or 10 digits, got ${length}`),
    );
  });

  it('given leading zeros, when created, then they are kept', () => {
    const liveHorses = HsCode.of('010121');

    expect(liveHorses.value).toBe('010121');
    expect(liveHorses.chapter).toBe('01');
  });

  it('given a number, when created, then it is refused because digits may already be lost', () => {
    expect(() => HsCode.of(101 as unknown as string)).toThrow(
      'hsCode must be a string of digits (a number would lose leading zeros)',
    );
  });

  it.each(['', '85 ', '85.18', '85-18', '８５', 'ab', '+851'])('given %j, when created, then it is refused as not digits', (raw) => {
    expect(() => HsCode.of(raw)).toThrow(`hsCode must contain only digits 0-9, got ${JSON.stringify(raw)}`);
  });
});

describe('HsCode hierarchy', () => {
  it('given a 10-digit HSK line, when read, then chapter, heading and subheading are its prefixes', () => {
    const code = HsCode.of('8518309000');

    expect([code.chapter, code.heading, code.subheading]).toEqual(['85', '8518', '851830']);
  });

  it('given a chapter, when read, then it has no heading, subheading or parent', () => {
    const chapter = HsCode.of('85');

    expect([chapter.chapter, chapter.heading, chapter.subheading, chapter.parent]).toEqual(['85', null, null, null]);
  });

  it('given a heading, when read, then it has no subheading', () => {
    expect(HsCode.of('8518').subheading).toBeNull();
  });

  it.each([
    ['8518309000', '851830'],
    ['851830', '8518'],
    ['8518', '85'],
  ])('given %s, when its parent is asked, then it is %s (one level up)', (raw, parent) => {
    expect(HsCode.of(raw).parent?.value).toBe(parent);
  });

  it.each([
    ['8518309000', '85', true],
    ['8518309000', '8518', true],
    ['8518309000', '851830', true],
    ['8518309000', '8518309000', true],
    ['8518309000', '8519', false],
    ['8518309000', '84', false],
    ['85', '8518', false],
    ['0101', '01', true],
  ])('given %s, when asked whether it is within %s, then it answers %s', (raw, prefix, expected) => {
    expect(HsCode.of(raw).isWithin(HsCode.of(prefix))).toBe(expected);
  });

  it('given two codes with the same digits, when compared, then they are equal; otherwise not', () => {
    expect(HsCode.of('0101').equals(HsCode.of('0101'))).toBe(true);
    expect(HsCode.of('0101').equals(HsCode.of('01'))).toBe(false);
  });
});
