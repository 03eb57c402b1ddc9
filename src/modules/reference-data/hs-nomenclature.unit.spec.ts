import { HsNomenclature, loadHsNomenclature } from './hs-nomenclature';

// Reads the committed data/reference files: deterministic, so fine for a unit test.
const hs = loadHsNomenclature();

const SECTIONS = 'section,name\nI,live animals; animal products\nXVI,"Machinery, electrical equipment"\n';
const nomenclature = (...rows: string[]): string => ['section,hscode,description,parent,level', ...rows].join('\n');

describe('HsNomenclature (committed HS 2022 file)', () => {
  it('given the file, when counted, then it holds 21 sections, 97 chapters, 1229 headings and 5613 subheadings', () => {
    expect(hs.sections()).toHaveLength(21);
    expect(hs.entries(2)).toHaveLength(97);
    expect(hs.entries(4)).toHaveLength(1229);
    expect(hs.entries(6)).toHaveLength(5613);
    expect([...hs]).toHaveLength(97 + 1229 + 5613);
  });

  it('given sections.csv starts with a BOM, when section I is looked up, then it is found under its plain code', () => {
    expect(hs.sections()[0]?.code).toBe('I');
    expect(hs.section('I')?.description).toBe('live animals; animal products');
    expect(hs.section('\uFEFFI')).toBeUndefined();
  });

  it('given a quoted description with commas, when read, then the whole description is kept', () => {
    expect(hs.heading('0101')?.description).toBe('Horses, asses, mules and hinnies; live');
    expect(hs.section('IV')?.description).toContain('beverages, spirits and vinegar');
  });

  it('given heading 8518, when looked up, then it is the microphones and loudspeakers heading of chapter 85, section XVI', () => {
    const heading = hs.heading('8518');

    expect(heading).toMatchObject({ code: '8518', level: 4, kind: 'heading', section: 'XVI', parent: '85' });
    expect(heading?.description).toMatch(/^Microphones and their stands; loudspeakers/);
    expect(hs.subheading('851830')?.description).toMatch(/^Headphones and earphones/);
  });

  it('given a 10-digit HSK code, when its ancestry is asked, then it maps to its 6-digit subheading by prefix', () => {
    const ancestry = hs.ancestry('0101211000');

    expect(ancestry?.section?.code).toBe('I');
    expect(ancestry?.chapter.code).toBe('01');
    expect(ancestry?.heading?.code).toBe('0101');
    expect(ancestry?.subheading?.code).toBe('010121');
    expect(ancestry?.subheading?.description).toBe('Horses; live, pure-bred breeding animals');
  });

  it('given shorter codes, when their ancestry is asked, then it goes only as deep as the code', () => {
    expect(hs.ancestry('85')).toMatchObject({ section: { code: 'XVI' }, chapter: { code: '85' }, heading: undefined });
    expect(hs.ancestry('8518')).toMatchObject({ heading: { code: '8518' }, subheading: undefined });
  });

  it('given unknown prefixes or illegal lengths, when the ancestry is asked, then it is undefined', () => {
    expect(hs.ancestry('0101991000')).toBeUndefined(); // 010199 is not a subheading
    expect(hs.ancestry('77')).toBeUndefined(); // chapter 77 is reserved in HS
    expect(hs.ancestry('851')).toBeUndefined();
    expect(hs.ancestry('85183090')).toBeUndefined();
    expect(hs.ancestry('85a8')).toBeUndefined();
  });

  it('given the TOTAL rows, when loaded, then the grand total is skipped and chapter 99 is kept without a section', () => {
    expect(hs.has('TOTAL')).toBe(false);
    expect(hs.chapter('99')).toMatchObject({ section: undefined, description: 'Commodities not specified according to kind' });
    expect(hs.ancestry('999999')?.section).toBeUndefined();
  });

  it('given lookups at the wrong level, when asked, then they do not cross levels', () => {
    expect(hs.chapter('8518')).toBeUndefined();
    expect(hs.heading('85')).toBeUndefined();
    expect(hs.has('8518')).toBe(true);
    expect(hs.has('0101211000')).toBe(false);
  });

  it('given the loaded nomenclature, when a caller tries to change it, then it cannot', () => {
    const entry = hs.heading('8518')!;

    expect(() => ((entry as { description: string }).description = 'x')).toThrow(TypeError);
    expect(() => (hs.entries() as unknown[]).push(entry)).toThrow(TypeError);
  });
});

describe('HsNomenclature.fromCsv', () => {
  it('given a child before its parent, when parsed, then it throws', () => {
    expect(() => HsNomenclature.fromCsv(SECTIONS, nomenclature('I,0101,Horses,01,4'))).toThrow('parent 01');
  });

  it('given an unknown section or a level that does not fit the code, when parsed, then it throws', () => {
    expect(() => HsNomenclature.fromCsv(SECTIONS, nomenclature('II,01,Animals,TOTAL,2'))).toThrow('unknown section');
    expect(() => HsNomenclature.fromCsv(SECTIONS, nomenclature('I,010,Animals,TOTAL,2'))).toThrow('does not fit');
  });
});
