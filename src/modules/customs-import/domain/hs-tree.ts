/**
 * The part of the HS nomenclature the planner needs, as a port: the domain stays pure, and the
 * infrastructure adapts the reference data's HsNomenclature to it (see nomenclature-hs-tree.ts).
 */
export interface HsTree {
  /** The 2-digit chapters, ascending. */
  chapters(): readonly string[];
  /** The next level below a 2- or 4-digit prefix (4-, then 6-digit codes), ascending; empty below that. */
  children(prefix: string): readonly string[];
}
