/** A JSON escape of NUL that is not itself escaped (preceded by an even number of backslashes). */
const ESCAPED_NUL = /(?<=(?:^|[^\\])(?:\\\\)*)\\u0000/g;

/**
 * JSON text that PostgreSQL's jsonb accepts: jsonb cannot hold U+0000, which a foreign body, a
 * header or an error message quoting one can contain. A parking write that failed on it would be
 * retried forever and hold up its queue, so NUL becomes U+FFFD (the raw body is kept as bytes).
 */
export function jsonbText(value: unknown): string {
  return JSON.stringify(value).replace(ESCAPED_NUL, '\\uFFFD');
}
