import { ValidationError } from './domain-error';

/**
 * A required piece of free text (a name, a description, a reason): trimmed, non-empty, bounded.
 * Length counts code points, not UTF-16 units, so a limit means the same for Hangul, Latin and emoji.
 */
export function requiredText(raw: string, field: string, maxLength: number): string {
  if (typeof raw !== 'string') throw new ValidationError(field, 'must be a string');
  const text = raw.trim();
  if (text.length === 0) throw new ValidationError(field, 'must not be empty');
  const length = [...text].length;
  if (length > maxLength) {
    throw new ValidationError(field, `must be at most ${maxLength} characters, got ${length}`);
  }
  return text;
}
