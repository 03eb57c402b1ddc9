/**
 * Where live projectors also write while a rebuild fills a new generation: statistic events from
 * its replay on, country and catalogue events (`referenceData`) only once the replay has applied
 * the log's own. The consumer asks through this port; the rebuild's runs answer it
 * (rebuild/rebuild-runs.ts), so the live path knows nothing else of rebuilds.
 */
export interface DualWrite {
  dualWrite(): Promise<DualWriteTarget | null>;
}

export interface DualWriteTarget {
  readonly generation: number;
  readonly referenceData: boolean;
}

export const DUAL_WRITE = Symbol('DUAL_WRITE');
