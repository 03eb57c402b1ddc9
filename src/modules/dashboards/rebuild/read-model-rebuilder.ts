import type { Client } from '@elastic/elasticsearch';
import { atOrAfter, cursorOf, LOG_START, type LogCursor } from '../../../platform/event-log/log-cursor';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventLogReplay, type ReplayFilter } from '../../../platform/event-log/event-log-replay';
import type { ReadModelIndexManager } from '../elasticsearch/read-model-index-manager';
import type { IndexSet } from '../elasticsearch/read-model-indexes';
import { scopesOfAllFacts } from '../projections/facts/fact-scans';
import { movesStoredFacts } from '../projections/facts/fact-writer';
import { AlertingStatistics } from '../projections/alerts/threshold-alert-writer';
import { carryOverClosedAnomalies } from '../projections/alerts/anomaly-history';
import type { ReadModelProjection } from '../read-model.projection';
import type { RebuildPhase, RebuildRun, RebuildRuns } from './rebuild-runs';

export interface RebuildOptions {
  readonly batchSize: number;
  /** Tests replay only their own streams of a shared database. */
  readonly filter?: ReplayFilter;
  readonly onProgress?: (phase: RebuildPhase, processed: number, total: number) => void;
  /** Called for each event skipped because its data lacks the shape of its type. */
  readonly onMalformed?: (problem: string) => void;
}

const REPLAY_CONCURRENCY = 2;

/**
 * Replays the event log into a new generation of indexes and swaps the aliases to it at once,
 * while queries keep reading the old generation. Live projectors also write the new generation
 * from the moment the replay starts (see RebuildRuns.dualWrite), so nothing they apply
 * meanwhile is missing after the swap. Only the projection runs: no broker, no notifications, so
 * a replay never alerts anyone.
 */
export class ReadModelRebuilder {
  constructor(
    private readonly client: Client,
    private readonly projection: ReadModelProjection,
    private readonly indexes: ReadModelIndexManager,
    private readonly replay: EventLogReplay,
    private readonly runs: RebuildRuns,
  ) {}

  /** Claims the rebuild (one per prefix) and creates the new indexes; `complete` does the rest. */
  async begin(requestedBy: string): Promise<{ run: RebuildRun; target: IndexSet }> {
    const current = await this.indexes.current();
    const generations = [...current.values()].map((index) => Number(/-v(\d+)$/.exec(index)?.[1] ?? 0));
    const from = generations.length > 0 ? Math.max(...generations) : null;
    const to = Math.max(from ?? 0, await this.indexes.highestGeneration()) + 1;
    const run = await this.runs.begin(from, to, requestedBy);
    try {
      return { run, target: await this.indexes.createGeneration(to) };
    } catch (error) {
      await this.runs.finish(run.id, { error: String(error) });
      throw error;
    }
  }

  async complete(run: RebuildRun, target: IndexSet, options: RebuildOptions): Promise<RebuildRun> {
    try {
      const total = await this.replay.count(options.filter);
      const report = async (phase: RebuildPhase, processed: number) => {
        await this.runs.progress(run.id, phase, processed, total);
        options.onProgress?.(phase, processed, Math.max(total, processed));
      };
      // Facts, countries and catalogue first; summaries once, from the final facts.
      let { cursor, processed } = await this.replayFrom(LOG_START, 0, target, 'deferred', options, (n) => report('replaying', n));
      await report('summarizing', processed);
      await this.client.indices.refresh({ index: target.facts });
      const everything = await scopesOfAllFacts(this.client, target.facts);
      // One year's months at a time, so a rebuild of years of history never holds every summary key at once.
      for (const year of everything.splitByYear()) {
        await this.projection.recompute(target, year);
        await report('summarizing', processed); // the heartbeat: a run without one is taken for dead
      }
      // What was written during the replay, summaries included this time.
      ({ cursor, processed } = await this.replayFrom(cursor, processed, target, 'now', options, (n) => report('catching-up', n)));
      await report('swapping', processed);
      await carryOverClosedAnomalies(this.client, this.indexes.aliases.alerts, target.alerts);
      await this.indexes.finishGeneration(target);
      await this.indexes.swapAliases(target);
      if (run.fromGeneration !== null) await this.indexes.deleteGenerationsBelow(run.fromGeneration);
      await this.runs.finish(run.id, 'completed');
    } catch (error) {
      await this.runs.finish(run.id, { error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    return (await this.runs.latest())!;
  }

  /** begin + complete, for the CLI and tests. */
  async rebuild(requestedBy: string, options: RebuildOptions): Promise<RebuildRun> {
    const { run, target } = await this.begin(requestedBy);
    return this.complete(run, target, options);
  }

  /**
   * Reads the log ahead and keeps two batches of statistics in flight: facts are order-safe
   * (external versions, self-contained events) and summaries come later, so those batches may land
   * in any order while Elasticsearch indexes two bulks on both cores and the next batch is read.
   */
  private async replayFrom(
    from: LogCursor,
    processedBefore: number,
    target: IndexSet,
    summaries: 'now' | 'deferred',
    options: RebuildOptions,
    report: (processed: number) => Promise<void>,
  ): Promise<{ cursor: LogCursor; processed: number }> {
    let cursor = from;
    let processed = processedBefore;
    const alerting = new AlertingStatistics();
    await report(processed);
    const inFlight = new Set<Promise<void>>();
    let failure: unknown = null;
    // Everything committed before this pass started must be replayed (later events reach the new
    // generation through the live consumers' dual writes, or the next pass).
    const head = await this.replay.head(options.filter);
    for (;;) {
      const events = await this.replay.readAfter(cursor, options.batchSize, options.filter);
      if (events.length === 0) {
        if (!head || atOrAfter(cursor, head) || !(await this.replay.heldBack(cursor, head, options.filter))) break;
        // An open transaction somewhere holds the readable log back; wait for it, as the relay does.
        await sleep(200);
        continue;
      }
      const last = events[events.length - 1];
      cursor = cursorOf(last);
      // Country and catalogue events must land in log order: an activation applied before the
      // registration would be built without the names, and then win on version. Such batches
      // (the seeded reference data, a rare operator change) are applied alone, and so is one whose
      // threshold event moves a fact an earlier batch builds (a batch boundary between the two).
      // Likewise a batch that revises or retracts a statistic whose threshold alert an earlier batch opens.
      const dependsOnAlerts = alerting.dependsOnEarlierBatches(events);
      const ordered = events.some((event) => !event.streamId.startsWith('statistic:')) || movesStoredFacts(events) || dependsOnAlerts;
      if (ordered) await Promise.all(inFlight);
      if (failure) break;
      const applying: Promise<void> = this.projection
        .applyBatch(events, target, { summaries })
        .then(async ({ malformed }) => {
          // A live consumer parks such an event; the replay leaves it out the same way, and says so.
          for (const { problem } of malformed) options.onMalformed?.(problem);
          processed += events.length;
          await report(processed);
        })
        .catch((error: unknown) => {
          failure ??= error;
        })
        .finally(() => inFlight.delete(applying));
      inFlight.add(applying);
      if (ordered) await applying;
      else if (inFlight.size >= REPLAY_CONCURRENCY) await Promise.race(inFlight);
      if (failure) break;
    }
    await Promise.all(inFlight);
    if (failure) throw failure;
    return { cursor, processed };
  }
}
