import { loadHsNomenclature } from '../../reference-data';
import { nomenclatureHsTree } from './nomenclature-hs-tree';

describe('nomenclatureHsTree', () => {
  const nomenclature = loadHsNomenclature();
  const tree = nomenclatureHsTree(nomenclature);

  it('given HS 2022, when asked for chapters, then they are the 2-digit codes in order, 01 first', () => {
    expect(tree.chapters()[0]).toBe('01');
    expect(tree.chapters()).toEqual(nomenclature.entries(2).map((entry) => entry.code).sort());
  });

  it('given every chapter and heading, when asked for children, then they are one level deeper and start with it', () => {
    for (const entry of nomenclature.entries().filter((e) => e.level < 6)) {
      const children = tree.children(entry.code);
      expect(children.length).toBeGreaterThan(0);
      expect(children.every((child) => child.length === entry.level + 2 && child.startsWith(entry.code))).toBe(true);
    }
    expect(tree.children('851830')).toEqual([]);
    expect(tree.children('8518')).toContain('851830');
  });
});
