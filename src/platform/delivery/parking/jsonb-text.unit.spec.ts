import { jsonbText } from './jsonb-text';

describe('jsonb text (unit)', () => {
  it('replaces NUL in values and keys, and leaves an escaped backslash before "u0000" alone', () => {
    const text = jsonbText({ 'a\u0000': ['x\u0000\u0000y', 'literal \\u0000'] });

    expect(JSON.parse(text)).toEqual({ 'a\uFFFD': ['x\uFFFD\uFFFDy', 'literal \\u0000'] });
  });
});
