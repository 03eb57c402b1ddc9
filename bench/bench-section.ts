/** One part of docs/BENCHMARKS.md: a table of measured values beside their targets. */
export interface BenchSection {
  readonly title: string;
  readonly rows: readonly { metric: string; value: string; target?: string }[];
  readonly notes?: readonly string[];
  /** Markdown lines after the notes, such as a time series. */
  readonly appendix?: readonly string[];
}
