import { Random } from './random';
import { ANCHOR_SUBHEADINGS, chooseSampleProducts } from './sample-products';

// A small made-up catalogue: 30 subheadings in each of chapters 85, 87 and 27, plus a real anchor.
const catalogue = ['85', '87', '27'].flatMap((chapter) =>
  Array.from({ length: 30 }, (_, i) => `${chapter}${String(1000 + i * 7).padStart(4, '0')}`),
);
const withAnchor = [...catalogue, '854232'];

describe('chooseSampleProducts', () => {
  it('given chapters of different weight, when chosen, then the larger chapter gets more products', () => {
    const products = chooseSampleProducts(catalogue, 100, 0, new Random(1));
    const inChapter = (chapter: string): number => products.filter((p) => p.chapter === chapter).length;

    expect(inChapter('85')).toBe(27); // round(100 * 0.27)
    expect(inChapter('87')).toBe(12);
    expect(inChapter('27')).toBe(8); // round(7.5) is 8
    expect(products.every((p) => catalogue.includes(p.hsCode))).toBe(true);
  });

  it('given an anchor subheading in the catalogue, when chosen, then it is always drawn and kept at 6 digits', () => {
    const products = chooseSampleProducts(withAnchor, 100, 1, new Random(2));

    expect(ANCHOR_SUBHEADINGS).toContain('854232');
    expect(products.some((p) => p.hsCode === '854232')).toBe(true);
    expect(products.some((p) => p.hsCode.startsWith('854232') && p.hsCode.length === 10)).toBe(false);
  });

  it('given every product split into HSK lines, when chosen, then each 10-digit code sits under a real subheading that is not used itself', () => {
    const products = chooseSampleProducts(catalogue, 100, 1, new Random(3));
    const codes = products.map((p) => p.hsCode);

    expect(codes.every((code) => code.length === 10 && catalogue.includes(code.slice(0, 6)))).toBe(true);
    expect(codes.some((code) => codes.includes(code.slice(0, 6)))).toBe(false);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('given a split, when the weights are added up, then the chapter keeps its share', () => {
    const whole = chooseSampleProducts(catalogue, 100, 0, new Random(4)).reduce((sum, p) => sum + p.weight, 0);
    const split = chooseSampleProducts(catalogue, 100, 1, new Random(4)).reduce((sum, p) => sum + p.weight, 0);

    expect(whole).toBeCloseTo(0.27 + 0.12 + 0.075, 10);
    expect(split).toBeCloseTo(whole, 10);
  });

  it('given a code that is not 6 digits, when chosen, then it is refused', () => {
    expect(() => chooseSampleProducts(['8542'], 10, 0, new Random(1))).toThrow('subheadings must be 6-digit HS codes');
  });
});
