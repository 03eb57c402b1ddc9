import type { Lang } from './route';

/**
 * Numbers, months and names for ko-KR and English, with Intl. Amounts arrive as exact decimal
 * strings and are formatted as strings (Intl.NumberFormat reads them exactly): never through a
 * float. Pure apart from Intl's locale data.
 */
type Numeric = `${number}`;

const DECIMAL = /^-?\d+(\.\d+)?$/;

export function locale(lang: Lang): string {
  return lang === 'ko' ? 'ko-KR' : 'en';
}

/** "$651,234,567,890", or "$12.50" when there are cents. */
export function usd(value: string, lang: Lang): string {
  const digits = /\.\d*[1-9]/.test(value) ? 2 : 0;
  return numberFormat(lang, { style: 'currency', currency: 'USD', minimumFractionDigits: digits, maximumFractionDigits: 2 }).format(numeric(value));
}

/** "$651.2B" / "US$6512.3억": for headlines and axes. */
export function usdCompact(value: string, lang: Lang): string {
  return numberFormat(lang, { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 }).format(numeric(value));
}

export function kilograms(value: string, lang: Lang): string {
  return numberFormat(lang, { style: 'unit', unit: 'kilogram', notation: 'compact', maximumFractionDigits: 1 }).format(numeric(value));
}

/** A fraction (0.250000 is 25 %) as a percentage; `signed` shows + and - (growth). */
export function percent(fraction: string, lang: Lang, signed = false): string {
  return numberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: signed ? 'exceptZero' : 'auto' }).format(numeric(fraction));
}

/** A plain decimal such as an HHI (0-1), to four places. */
export function ratio(value: string, lang: Lang): string {
  return numberFormat(lang, { minimumFractionDigits: 4, maximumFractionDigits: 4 }).format(numeric(value));
}

export function count(value: number, lang: Lang): string {
  return numberFormat(lang, {}).format(value);
}

/** "2025-03" as "Mar 2025" / "2025년 3월". */
export function month(period: string, lang: Lang): string {
  return monthFormat(lang).format(periodDate(period));
}

/** A run of months, both ends included: "Jan – Oct 2025" / "2025년 1월~10월". */
export function monthSpan(from: string, to: string, lang: Lang): string {
  return from === to ? month(from, lang) : monthFormat(lang).formatRange(periodDate(from), periodDate(to));
}

export function dateTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}

/** Korean names in Korean, English ones in English, each falling back to the other, then the code. */
export function displayName(lang: Lang, names: { nameKo?: string | null; nameEn?: string | null }, code: string): string {
  const preferred = lang === 'ko' ? (names.nameKo ?? names.nameEn) : (names.nameEn ?? names.nameKo);
  return preferred ?? code;
}

/** Whether a decimal string is negative (growth shown as a fall); exact, no float. */
export function isNegative(value: string): boolean {
  return value.startsWith('-') && /[1-9]/.test(value);
}

function numeric(value: string): Numeric {
  if (!DECIMAL.test(value)) throw new Error(`not a decimal: ${value}`);
  return value as Numeric;
}

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return new Intl.NumberFormat(locale(lang), options);
}

function monthFormat(lang: Lang): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale(lang), { year: 'numeric', month: 'short', timeZone: 'UTC' });
}

function periodDate(period: string): Date {
  const [year, monthNumber] = period.split('-').map(Number);
  return new Date(Date.UTC(year!, monthNumber! - 1, 1));
}

/** A month of any year: "Mar" / "3월" (chart axes). */
export function monthOfYear(monthNumber: number, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, monthNumber - 1, 1)));
}
