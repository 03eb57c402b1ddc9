import { ValidationError } from './domain-error';

/**
 * Text that no store should receive as it is: a NUL (PostgreSQL refuses it in text and jsonb, so
 * it would surface as INTERNAL) and a UTF-16 surrogate without its pair (no valid UTF-8 encodes it;
 * drivers replace it silently). Bytes that are not UTF-8 never become a string here: the HTTP layer
 * refuses such a body before it is parsed.
 */
// eslint-disable-next-line no-control-regex -- finding the NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const UNSTORABLE_TEXT_REASON = 'contains a NUL character or an unpaired UTF-16 surrogate';

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

export function assertStorableText(text: string, field: string): void {
  if (!isStorableText(text)) throw new ValidationError(field, UNSTORABLE_TEXT_REASON);
}

/**
 * Characters that show nothing: white space, the default-ignorable code points (zero-width space
 * and joiners, word joiner, BOM, soft hyphen, bidi controls, Hangul fillers, variation selectors,
 * tags), other control characters, and the braille blank. Text made only of them says nothing.
 */
const INVISIBLE = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\u2800]*$/u;

export function isInvisibleText(text: string): boolean {
  return INVISIBLE.test(text);
}
