import { HsNomenclature, loadHsNomenclature } from '../../reference-data';
import { HsTree } from '../domain/hs-tree';

/** The planner's view of HS 2022 (data/reference), built once: children are looked up per split. */
export function nomenclatureHsTree(nomenclature: HsNomenclature = loadHsNomenclature()): HsTree {
  const children = new Map<string, string[]>();
  const chapters: string[] = [];
  for (const entry of nomenclature.entries()) {
    if (entry.parent === undefined) chapters.push(entry.code);
    else if (children.has(entry.parent)) children.get(entry.parent)!.push(entry.code);
    else children.set(entry.parent, [entry.code]);
  }
  chapters.sort();
  for (const list of children.values()) list.sort();
  return {
    chapters: () => chapters,
    children: (prefix) => children.get(prefix) ?? [],
  };
}
