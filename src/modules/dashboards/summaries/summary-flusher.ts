import { errors } from '@elastic/elasticsearch';
import { setTimeout as sleep } from 'node:timers/promises';
import { laterCursor, type LogCursor } from '../../../platform/event-log/log-cursor';
import { byTarget, type DirtyRow, type DirtySummaries, type NewestMark } from './dirty-summaries';
import { aliasSet, generationSet, type IndexSet } from '../elasticsearch/read-model-indexes';
import type { SummaryRecompute } from './summary-recompute';

/** (Target, month) pairs per round of a flush: each month holds at most ~7,000 summaries. */
const PERIODS_PER_ROUND = 12;

/** How long the flusher pauses after a flush, as a multiple of that flush's duration (at least). */
const PAUSE_PER_FLUSH_TIME = 2;

/**
 * Told after a flush which months of the live summaries it wrote, each with the newest event its
 * marks were made for (null for marks made without one). Called synchronously: an observer that
 * has I/O to do starts it and returns, so it never slows the flush down.
 */
export type FlushObserver = (months: ReadonlyMap<string, LogCursor | null>) => void;

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
    private readonly observer: FlushObserver = () => undefined,
  ) {}

  /**
   * Flushes until `stop` resolves, then once more. Between flushes it pauses for `intervalMs` or
   * for twice as long as the last flush took, whichever is longer; after a flush that found nothing
   * queued, a mark made by this instance's consumers ends the pause at once. A flush recomputes every summary
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
      const marked = await this.flush().catch((error: unknown) => {
        onError(error);
        return null;
      });
      const took = performance.now() - started;
      stats.flushes++;
      stats.busyMs += took;
      return { took, idle: marked === 0 };
    };
    for (let done = false; !done; ) {
      const { took, idle } = await timed();
      const pause = Math.max(intervalMs, PAUSE_PER_FLUSH_TIME * took);
      // Idle, the next mark made here is flushed at once: a lone write reaches the dashboards without
      // waiting out the pause, while under load (every flush finds marks) flushes stay paced.
      // Unref'd: a pause cut short by `stop` must not hold the process until it would have ended.
      const rest = idle ? this.dirty.nextMark(pause) : sleep(pause, false, { ref: false });
      done = await Promise.race([rest.then(() => false), stopped]);
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
    const written = new Map<string, LogCursor | null>();
    try {
      for (;;) {
        let round = new Map<string, LogCursor | null>();
        const taken = await this.dirty.take(upTo, PERIODS_PER_ROUND, async (rows, newest) => {
          await this.recompute(rows, newest);
          round = liveMonths(rows, newest);
        });
        // Only once the round committed: a round that failed stays queued and says nothing.
        for (const [period, cursor] of round) written.set(period, laterCursor(written.get(period) ?? null, cursor));
        if (taken === 0) return total;
        total += taken;
      }
    } finally {
      if (written.size > 0) this.observer(written);
    }
  }

  private async recompute(rows: readonly DirtyRow[], newest: readonly NewestMark[]): Promise<void> {
    for (const [target, touched] of byTarget(rows)) {
      const through = newest.filter((mark) => mark.target === target).reduce<LogCursor | null>((later, mark) => laterCursor(later, mark), null);
      try {
        await this.summaries.recomputeFromFacts(targetIndexes(this.prefix, target), touched, through?.position ?? null);
      } catch (error) {
        // A generation dropped after a rebuild: nothing left to keep up to date there.
        if (!(error instanceof errors.ResponseError && error.body?.error?.type === 'index_not_found_exception')) throw error;
      }
    }
  }
}

/** The live target's months among the rows, each with its newest mark's event. */
function liveMonths(rows: readonly DirtyRow[], newest: readonly NewestMark[]): Map<string, LogCursor | null> {
  const months = new Map<string, LogCursor | null>();
  for (const row of rows) if (row.target === 'live') months.set(row.period, null);
  for (const { target, period, transactionId, position } of newest) if (target === 'live') months.set(period, { transactionId, position });
  return months;
}
