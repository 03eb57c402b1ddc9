import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvRecords } from './csv-parser';
import { HS_NOMENCLATURE_FILE, HS_SECTIONS_FILE, referenceDataDir } from './reference-data.paths';

/** Digits of an HS code: chapter, heading, subheading, or a 10-digit Korean HSK line. */
export type HsLevel = 2 | 4 | 6 | 10;
/** The levels the international nomenclature defines; 10-digit HSK lines are national. */
export type HsNomenclatureLevel = 2 | 4 | 6;
export type HsEntryKind = 'chapter' | 'heading' | 'subheading';

export interface HsSection {
  /** Roman numeral, I to XXI. */
  readonly code: string;
  readonly description: string;
}

export interface HsEntry {
  readonly code: string;
  readonly level: HsNomenclatureLevel;
  readonly kind: HsEntryKind;
  readonly description: string;
  /** Undefined only for chapter 99, which UN Comtrade adds outside the 21 sections. */
  readonly section: string | undefined;
  /** Undefined for chapters. */
  readonly parent: string | undefined;
}

export interface HsAncestry {
  readonly section: HsSection | undefined;
  readonly chapter: HsEntry;
  readonly heading: HsEntry | undefined;
  readonly subheading: HsEntry | undefined;
}

const KINDS: Record<HsNomenclatureLevel, HsEntryKind> = { 2: 'chapter', 4: 'heading', 6: 'subheading' };
// The upstream file labels its grand-total row and chapter 99 with this pseudo-section.
const TOTAL = 'TOTAL';

function isHsLevel(digits: number): digits is HsLevel {
  return digits === 2 || digits === 4 || digits === 6 || digits === 10;
}

/** HS 2022 as published by UN Comtrade (data/reference/harmonized-system). Immutable. */
export class HsNomenclature implements Iterable<HsEntry> {
  private readonly sectionList: readonly HsSection[];
  private readonly entryList: readonly HsEntry[];
  private readonly sectionsByCode: ReadonlyMap<string, HsSection>;
  private readonly entriesByCode: ReadonlyMap<string, HsEntry>;

  private constructor(sections: HsSection[], entries: HsEntry[]) {
    this.sectionList = Object.freeze(sections.map((s) => Object.freeze(s)));
    this.entryList = Object.freeze(entries.map((e) => Object.freeze(e)));
    this.sectionsByCode = new Map(this.sectionList.map((s) => [s.code, s]));
    this.entriesByCode = new Map(this.entryList.map((e) => [e.code, e]));
  }

  /** Builds from the two CSV files' text; throws on anything the upstream format does not allow. */
  static fromCsv(sectionsCsv: string, nomenclatureCsv: string): HsNomenclature {
    const sections = parseCsvRecords(sectionsCsv, ['section', 'name'] as const).map((r) => ({
      code: r.section.trim(),
      description: r.name.trim(),
    }));
    const sectionCodes = new Set(sections.map((s) => s.code));
    const entries: HsEntry[] = [];
    const seen = new Set<string>();
    const rows = parseCsvRecords(nomenclatureCsv, ['section', 'hscode', 'description', 'parent', 'level'] as const);
    for (const row of rows) {
      if (row.hscode === TOTAL) continue;
      const level = Number(row.level);
      if ((level !== 2 && level !== 4 && level !== 6) || !/^\d+$/.test(row.hscode) || row.hscode.length !== level) {
        throw new Error(`HS row ${row.hscode}: level ${row.level} does not fit the code`);
      }
      const parent = level === 2 ? undefined : row.parent;
      // The file lists parents before children, so a forward reference means a broken file.
      if (parent !== undefined && (!seen.has(parent) || !row.hscode.startsWith(parent))) {
        throw new Error(`HS row ${row.hscode}: parent ${row.parent} is not an earlier prefix`);
      }
      const section = row.section === TOTAL ? undefined : row.section;
      if (section !== undefined && !sectionCodes.has(section)) {
        throw new Error(`HS row ${row.hscode}: unknown section ${row.section}`);
      }
      if (seen.has(row.hscode)) throw new Error(`HS code ${row.hscode} appears twice`);
      seen.add(row.hscode);
      entries.push({ code: row.hscode, level, kind: KINDS[level], description: row.description.trim(), section, parent });
    }
    return new HsNomenclature(sections, entries);
  }

  section(roman: string): HsSection | undefined {
    return this.sectionsByCode.get(roman);
  }

  chapter(code: string): HsEntry | undefined {
    return this.entryAt(code, 2);
  }

  heading(code: string): HsEntry | undefined {
    return this.entryAt(code, 4);
  }

  subheading(code: string): HsEntry | undefined {
    return this.entryAt(code, 6);
  }

  /** True for a 2-, 4- or 6-digit code the nomenclature lists; national 10-digit codes are not listed. */
  has(code: string): boolean {
    return this.entriesByCode.has(code);
  }

  /**
   * Section, chapter, heading and subheading above a 2/4/6/10-digit code, as deep as the code
   * goes; a 10-digit HSK code stops at its 6-digit subheading. Undefined when any of those
   * prefixes is not in the nomenclature, so an unknown code never gets a partial answer.
   */
  ancestry(code: string): HsAncestry | undefined {
    if (!/^\d+$/.test(code) || !isHsLevel(code.length)) return undefined;
    const chapter = this.chapter(code.slice(0, 2));
    const heading = code.length >= 4 ? this.heading(code.slice(0, 4)) : undefined;
    const subheading = code.length >= 6 ? this.subheading(code.slice(0, 6)) : undefined;
    if (!chapter || (code.length >= 4 && !heading) || (code.length >= 6 && !subheading)) return undefined;
    const section = chapter.section === undefined ? undefined : this.section(chapter.section);
    return Object.freeze({ section, chapter, heading, subheading });
  }

  sections(): readonly HsSection[] {
    return this.sectionList;
  }

  /** All entries in file order (each chapter, then its headings, each followed by its subheadings). */
  entries(level?: HsNomenclatureLevel): readonly HsEntry[] {
    return level === undefined ? this.entryList : this.entryList.filter((e) => e.level === level);
  }

  [Symbol.iterator](): Iterator<HsEntry> {
    return this.entryList[Symbol.iterator]();
  }

  private entryAt(code: string, level: HsNomenclatureLevel): HsEntry | undefined {
    const entry = this.entriesByCode.get(code);
    return entry?.level === level ? entry : undefined;
  }
}

export function loadHsNomenclature(dir: string = referenceDataDir()): HsNomenclature {
  const read = (file: string): string => readFileSync(join(dir, file), 'utf8');
  return HsNomenclature.fromCsv(read(HS_SECTIONS_FILE), read(HS_NOMENCLATURE_FILE));
}
