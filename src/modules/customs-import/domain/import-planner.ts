import { ValidationError } from '../../../kernel/domain-error';
import { HsCode } from '../../../kernel/hs-code';
import { HsTree } from './hs-tree';
import { importUnit, ImportUnit } from './import-unit';
import { MonthRange } from './month-range';

/** Chapters 98 and 99 are national or statistical additions, not goods the customs service reports. */
const LAST_GOODS_CHAPTER = '97';

export interface ImportRequest {
  readonly months: MonthRange;
  /** HS prefixes of 2, 4, 6 or 10 digits; absent means every chapter 01..97 the nomenclature lists. */
  readonly hsPrefixes?: readonly string[];
}

/**
 * The units of an import: each prefix over each run of at most twelve months. A prefix already
 * covered by a shorter one in the request is dropped, so no month of any code is fetched twice.
 */
export function planImport(request: ImportRequest, tree: HsTree): ImportUnit[] {
  const prefixes =
    request.hsPrefixes === undefined ? tree.chapters().filter((chapter) => chapter <= LAST_GOODS_CHAPTER) : normalise(request.hsPrefixes);
  const chunks = request.months.chunks();
  return prefixes.flatMap((prefix) => chunks.map((months) => importUnit(prefix, months)));
}

/**
 * A unit too large (or too slow) for one call, split so that the parts cover it exactly once: a
 * chapter or heading into its children in the nomenclature (an only child covers the same rows,
 * so it is split in its turn); a code with no children listed, into two halves of its months.
 * Undefined when neither is possible (one code, one month).
 */
export function splitUnit(unit: ImportUnit, tree: HsTree): ImportUnit[] | undefined {
  const children = unit.hsPrefix.length < 6 ? tree.children(unit.hsPrefix) : [];
  if (children.length === 1) return splitUnit(importUnit(children[0], unit.months), tree);
  if (children.length > 0) return children.map((child) => importUnit(child, unit.months));
  return unit.months.halves()?.map((months) => importUnit(unit.hsPrefix, months));
}

function normalise(raw: readonly string[]): string[] {
  if (raw.length === 0) throw new ValidationError('hsPrefixes', 'must list at least one HS code when given');
  const sorted = [...new Set(raw.map((code) => HsCode.of(code, 'hsPrefixes').value))].sort();
  // Sorted, an ancestor comes right before its descendants, so comparing with the last kept suffices.
  const kept: string[] = [];
  for (const prefix of sorted) {
    const last = kept.at(-1);
    if (last === undefined || !prefix.startsWith(last)) kept.push(prefix);
  }
  return kept;
}
