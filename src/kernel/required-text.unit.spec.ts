import { ValidationError } from './domain-error';
import { requiredText } from './required-text';

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
});
