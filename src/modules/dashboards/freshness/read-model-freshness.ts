import { setTimeout as sleep } from 'node:timers/promises';
import { withTimeout } from '../../../platform/concurrency/with-timeout';
import { ValidationError } from '../../../kernel/domain-error';
import { UnknownLogPositionError } from '../dashboards.errors';
import type { ProjectionCheckpoints } from './projection-checkpoints';

/** The largest bigint, so the largest position the log can hold. */
const MAX_LOG_POSITION = 2n ** 63n - 1n;

/** A query's request to read at least what the write at `atLeastPosition` wrote. */
export interface ReadConsistency {
  readonly atLeastPosition: string;
  readonly timeoutMs?: number | null;
}

export interface FreshnessOptions {
  readonly defaultTimeoutMs: number;
  readonly maxTimeoutMs: number;
  readonly pollIntervalMs?: number;
}

/**
 * Decides whether the projections have passed a log position P. The relay publishes in
 * (transaction id, position) order, not position order, so P is first turned into its cursor
 * (T, P). Each consumed queue (every statistics shard and the reference queue) has a checkpoint:
 * the cursor of the last watermark its consumer processed, recorded only after the events before
 * that watermark are searchable. Every queue at or past (T, P) means every event that sorts before
 * P, whichever queue it went to, has been applied: the write at P, and every summary it touches,
 * and everything the writer could have read before it. See docs/read-model.md.
 */
export class ReadModelFreshness {
  constructor(
    private readonly checkpoints: ProjectionCheckpoints,
    private readonly consumers: readonly string[],
    private readonly options: FreshnessOptions,
    /** Asks for watermarks behind what the relay has published (platform/relay/watermark-publisher.ts). */
    private readonly nudge: () => Promise<unknown> = async () => undefined,
  ) {}

  /** null when nothing was asked; otherwise whether the position was passed before the timeout. */
  async waitFor(consistency: ReadConsistency | null | undefined): Promise<boolean | null> {
    if (!consistency) return null;
    const { atLeastPosition: position } = consistency;
    // The log's positions are PostgreSQL bigints: a longer one is the client's mistake, not the database's.
    if (!/^\d{1,19}$/.test(position) || BigInt(position) > MAX_LOG_POSITION) {
      throw new ValidationError('consistency.atLeastPosition', `must be a log position like "1234", got ${JSON.stringify(position)}`);
    }
    const timeoutMs = this.timeoutOf(consistency.timeoutMs);
    // "0" is what a mutation answers when the log was empty: nothing to wait for.
    if (BigInt(position) === 0n) return true;
    const target = await this.checkpoints.cursorOf(position);
    if (!target) throw new UnknownLogPositionError(position);
    const deadline = Date.now() + timeoutMs;
    let interval = 5;
    for (;;) {
      if (await this.checkpoints.allPassed(this.consumers, target)) return true;
      // Never past the query's own deadline: a slow or absent broker must not hold the answer.
      const before = deadline - Date.now();
      if (before > 0) await withTimeout(this.nudge(), before, 'watermark nudge').catch(() => undefined);
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await sleep(Math.min(interval, left));
      interval = Math.min(interval * 2, this.options.pollIntervalMs ?? 50);
    }
  }

  private timeoutOf(requested: number | null | undefined): number {
    if (requested === null || requested === undefined) return this.options.defaultTimeoutMs;
    if (!Number.isInteger(requested) || requested < 0 || requested > this.options.maxTimeoutMs) {
      throw new ValidationError('consistency.timeoutMs', `must be from 0 to ${this.options.maxTimeoutMs}, got ${requested}`);
    }
    return requested;
  }
}

