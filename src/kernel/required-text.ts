import { ValidationError } from './domain-error';
import { assertStorableText, isInvisibleText } from './storable-text';

/**
 * A required piece of free text (a name, a description, a reason): storable, trimmed, not empty,
 * bounded. Text of nothing but invisible characters (zero-width spaces, a BOM, joiners) is empty.
 * Length counts code points, not UTF-16 units, so a limit means the same for Hangul, Latin and emoji.
 */
export function requiredText(raw: string, field: string, maxLength: number): string {
  if (typeof raw !== 'string') throw new ValidationError(field, 'must be a string');
  assertStorableText(raw, field);
  const text = raw.trim();
  if (isInvisibleText(text)) throw new ValidationError(field, 'must not be empty');
  const length = [...text].length;
  if (length > maxLength) {
    throw new ValidationError(field, `must be at most ${maxLength} characters, got ${length}`);
  }
  return text;
}
