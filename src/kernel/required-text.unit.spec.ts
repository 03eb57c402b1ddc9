import fc from 'fast-check';
import { ValidationError } from './domain-error';
import { requiredText } from './required-text';

/** Characters that show nothing, listed by hand (not derived from the code's Unicode classes). */
const INVISIBLE = [' ', '\t', '\n', '\u00A0', '\u00AD', '\u034F', '\u115F', '\u1160', '\u180E', '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u202A', '\u202E', '\u2060', '\u2063', '\u2066', '\u2069', '\u3000', '\u3164', '\uFE0F', '\uFEFF', '\uFFA0', '\u2800', '\u0007', '\u{E0020}'];

describe('requiredText', () => {
  it('given text with surrounding spaces, when checked, then it comes back trimmed', () => {
    expect(requiredText('  duplicate entry \n', 'reason', 500)).toBe('duplicate entry');
  });

  it.each(['', '   ', '\t\n'])('given blank text %j, when checked, then it is refused as empty', (raw) => {
    expect(() => requiredText(raw, 'reason', 500)).toThrow(new ValidationError('reason', 'must not be empty'));
  });

  it('given text of exactly the limit, when checked, then it is accepted', () => {
    expect(requiredText('가'.repeat(500), 'reason', 500)).toHaveLength(500);
  });

  it('given text one character over the limit, when checked, then it is refused with the length', () => {
    expect(() => requiredText('a'.repeat(501), 'reason', 500)).toThrow(
      new ValidationError('reason', 'must be at most 500 characters, got 501'),
    );
  });

  it('given emoji (two UTF-16 units each), when checked, then the limit counts characters', () => {
    expect(requiredText('📦'.repeat(3), 'reason', 3)).toBe('📦📦📦');
  });

  it('given a value that is not a string, when checked, then it is refused naming the field', () => {
    expect(() => requiredText(42 as unknown as string, 'nameEn', 10)).toThrow('nameEn must be a string');
  });

  it('given text made only of invisible characters (zero-width spaces, BOM, joiners, fillers), then it is empty', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...INVISIBLE), { minLength: 1, maxLength: 12 }), (characters) => {
        expect(() => requiredText(characters.join(''), 'reason', 500)).toThrow(new ValidationError('reason', 'must not be empty'));
      }),
    );
  });

  it('given invisible characters beside visible text, then the text is kept (a joiner inside an emoji is part of it)', () => {
    expect(requiredText('\u200Bduplicate\u200B', 'reason', 500)).toBe('\u200Bduplicate\u200B');
    expect(requiredText('👩\u200D💻 entered twice', 'reason', 500)).toBe('👩\u200D💻 entered twice');
  });

  it.each([
    ['a NUL', 'bad\u0000reason'],
    ['a lone high surrogate', 'bad \uD800 reason'],
    ['a lone low surrogate', 'bad \uDC00 reason'],
    ['a reversed pair', '\uDFFF\uD800'],
  ])('given text with %s, then it is refused naming the field, before any other rule', (_what, raw) => {
    expect(() => requiredText(raw, 'nameKo', 500)).toThrow(new ValidationError('nameKo', 'contains a NUL character or an unpaired UTF-16 surrogate'));
  });
});
