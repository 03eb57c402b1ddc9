import type { BenchSection } from '../bench-section';
import type { PeerWrites } from './emmett-peer';
import { ms, percentile, perSecond } from './stats';
import { round, type WriteFootprint } from './write-footprint';

/** What our write path measured on the same workloads. */
export interface OurWrites {
  readonly single: { latencies: number[]; elapsedMs: number };
  readonly batchElapsedMs: number;
  readonly footprint: WriteFootprint;
}

/** The workloads both sides ran. */
export interface Workloads {
  readonly commands: number;
  readonly writers: number;
  readonly batchTotal: number;
  readonly batchSize: number;
}

/**
 * How our write path and the peer (Emmett's PostgreSQL event store) compare on the same workloads:
 * its figures, ours over its as a ratio for each workload, and what each side writes per statistic.
 */
export function emmettComparison(workloads: Workloads, ours: OurWrites, peer: PeerWrites): { rows: BenchSection['rows']; notes: readonly string[] } {
  const singleRatio = peer.single.elapsedMs / ours.single.elapsedMs;
  const batchRatio = peer.batchElapsedMs / ours.batchElapsedMs;
  console.log(`bench: ours / Emmett ${peer.version}: single ${singleRatio.toFixed(2)}×, batch ${batchRatio.toFixed(2)}×`);
  const batches = `${workloads.batchTotal.toLocaleString('en-US')} new streams in batches of ${workloads.batchSize.toLocaleString('en-US')}`;
  const written = (side: WriteFootprint) => `${round(side.rows)}, ${round(side.indexEntries)}`;
  return {
    rows: [
      {
        metric: `Peer: Emmett ${peer.version} appendToStream, one event per new stream, ${workloads.writers} concurrent writers`,
        value: perSecond(workloads.commands, peer.single.elapsedMs),
      },
      { metric: 'Peer: Emmett append latency p50 / p99', value: `${ms(percentile(peer.single.latencies, 50))} / ${ms(percentile(peer.single.latencies, 99))}` },
      {
        metric: `Peer: Emmett, ${batches} (one appendToStream per stream, ${workloads.writers} in flight)`,
        value: perSecond(workloads.batchTotal, peer.batchElapsedMs),
      },
      { metric: 'Ours / Emmett, throughput: single-statistic commands; batch path', value: `${singleRatio.toFixed(2)}×; ${batchRatio.toFixed(2)}×` },
      { metric: 'Written per statistic (rows, index entries): ours; Emmett', value: `${written(ours.footprint)}; ${written(peer.footprint)}` },
    ],
    notes: [
      `Emmett runs in this process after both of our workloads, on the same PostgreSQL (its own database, which it migrates before the clock starts), with the same statistics, event data and metadata, the same number of events and writers, and no warm-up on either side. It appends to one stream per call and per transaction, with no multi-stream append, so its batch workload is that many appends, ${workloads.writers} in flight.`,
      `Per statistic, ours writes ${ours.footprint.detail}; Emmett writes ${peer.footprint.detail}. Counted with count(*) over every table before and after each side's workloads (docs/adr/0002-write-path.md, "A peer: Emmett").`,
    ],
  };
}
