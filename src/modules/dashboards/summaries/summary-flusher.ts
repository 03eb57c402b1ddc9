import { errors } from '@elastic/elasticsearch';
import { setTimeout as sleep } from 'node:timers/promises';
import { byTarget, type DirtyRow, type DirtySummaries } from './dirty-summaries';
import { aliasSet, generationSet, type IndexSet } from '../elasticsearch/read-model-indexes';
import type { SummaryRecompute } from './summary-recompute';

/** (Target, month) pairs per round of a flush: each month holds at most ~7,000 summaries. */
const PERIODS_PER_ROUND = 12;

/** How long the flusher pauses after a flush, as a multiple of that flush's duration (at least). */
const PAUSE_PER_FLUSH_TIME = 2;

export interface FlushStats {
  readonly flushes: number;
  /** Time spent flushing, pauses excluded. */
  readonly busyMs: number;
}

/** `live` names the aliases; `v<N>` the generation a rebuild fills. */
function targetIndexes(prefix: string, target: string): IndexSet {
  if (target === 'live') return aliasSet(prefix);
  const generation = /^v(\d+)$/.exec(target);
  if (!generation) throw new Error(`unknown summary target ${target}`);
  return generationSet(prefix, Number(generation[1]));
}

/**
 * Recomputes queued summaries, many batches' worth at once: that is what lets the consumers take
 * 10,000 events a second while a summary (a month of a chapter, say) is recomputed once per flush
 * instead of once per batch. Flushes of one instance run one after another; flushes of several
 * instances may overlap, which compare-and-set makes harmless.
 */
export class SummaryFlusher {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly summaries: SummaryRecompute,
    private readonly dirty: DirtySummaries,
    private readonly prefix: string,
  ) {}

  /**
   * Flushes until `stop` resolves, then once more. Between flushes it pauses for `intervalMs` or
   * for twice as long as the last flush took, whichever is longer. A flush recomputes every summary
   * its marks touched, and during a monthly import that is all of a month's thousands of scopes,
   * however few events came in since the last one: the fewer flushes, the less work in all. Under
   * a heavy import the summaries then take at most about a third of Elasticsearch's time and the
   * facts the rest, at the price of summaries trailing the facts by about three flush durations
   * (a few seconds; a query that asks for a position waits for its own flush). Measured in
   * docs/BENCHMARKS.md. A failed flush is reported and its marks stay queued for the next one.
   */
  async runUntil(stop: Promise<void>, intervalMs: number, onError: (error: unknown) => void): Promise<FlushStats> {
    const stopped = stop.then(() => true);
    const stats = { flushes: 0, busyMs: 0 };
    const timed = async () => {
      const started = performance.now();
      await this.flush().catch(onError);
      const took = performance.now() - started;
      stats.flushes++;
      stats.busyMs += took;
      return took;
    };
    for (let done = false; !done; ) {
      const took = await timed();
      const pause = Math.max(intervalMs, PAUSE_PER_FLUSH_TIME * took);
      // Unref'd: a pause cut short by `stop` must not hold the process until it would have ended.
      done = await Promise.race([sleep(pause, false, { ref: false }), stopped]);
    }
    await timed();
    return stats;
  }

  /** Recomputes everything queued up to now (what was marked before the call); returns how many summaries were marked, repeats included. */
  flush(): Promise<number> {
    const run = this.tail.then(async () => this.flushThrough(await this.dirty.head()));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async flushThrough(upTo: string): Promise<number> {
    let total = 0;
    for (;;) {
      const taken = await this.dirty.take(upTo, PERIODS_PER_ROUND, (rows) => this.recompute(rows));
      if (taken === 0) return total;
      total += taken;
    }
  }

  private async recompute(rows: readonly DirtyRow[]): Promise<void> {
    for (const [target, touched] of byTarget(rows)) {
      try {
        await this.summaries.recomputeFromFacts(targetIndexes(this.prefix, target), touched);
      } catch (error) {
        // A generation dropped after a rebuild: nothing left to keep up to date there.
        if (!(error instanceof errors.ResponseError && error.body?.error?.type === 'index_not_found_exception')) throw error;
      }
    }
  }
}
