import { ValidationError } from '../../../kernel/domain-error';

/**
 * The 21 sections of the Harmonized System, I to XXI. A listed set, not a Roman-numeral parser: a
 * 22nd section would be a change of the nomenclature, which deserves a code change too.
 */
const HS_SECTIONS: readonly string[] = [
  'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI',
  'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX', 'XXI',
];

/**
 * A section, or null for a code outside the 21 sections (chapter 99, which UN Comtrade adds for
 * special transactions, is in our reference data without one).
 */
export function hsSection(raw: string | null, field = 'section'): string | null {
  if (raw === null) return null;
  if (typeof raw !== 'string' || !HS_SECTIONS.includes(raw)) {
    throw new ValidationError(field, `must be an HS section from I to XXI in upper-case Roman numerals, got ${JSON.stringify(raw)}`);
  }
  return raw;
}
