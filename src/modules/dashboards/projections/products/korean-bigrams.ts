const HANGUL_SYLLABLE = /[\uAC00-\uD7A3]/;

/**
 * Korean text as single syllables and syllable bigrams, space-separated, for a `whitespace`-analyzed
 * field. Without the nori plugin or the ngram tokenizer (neither exists on our 7.17 node), the
 * standard analyzer only splits Hangul at spaces, so "기기" would not find "전기기기"; indexing
 * bigrams made here gives substring search the way CJK bigram analyzers do. Words without Hangul
 * are left to the search_as_you_type fields.
 */
export function koreanGrams(text: string | null): string | null {
  if (text === null) return null;
  const grams = new Set<string>();
  for (const word of words(text)) {
    const syllables = [...word];
    for (const syllable of syllables) grams.add(syllable);
    for (let i = 0; i + 1 < syllables.length; i++) grams.add(syllables[i] + syllables[i + 1]);
  }
  return grams.size > 0 ? [...grams].join(' ') : null;
}

/**
 * The grams a query must all match: bigrams of each Hangul word, or the syllable itself for a
 * one-syllable word. Matching every bigram is close to (not exactly) a substring match.
 */
export function koreanQueryGrams(query: string): string[] {
  const grams = new Set<string>();
  for (const word of words(query)) {
    const syllables = [...word];
    if (syllables.length === 1) grams.add(syllables[0]);
    for (let i = 0; i + 1 < syllables.length; i++) grams.add(syllables[i] + syllables[i + 1]);
  }
  return [...grams];
}

function words(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/[^\uAC00-\uD7A3]+/u)
    .filter((word) => HANGUL_SYLLABLE.test(word));
}
