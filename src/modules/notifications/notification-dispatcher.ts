import { Logger } from '@nestjs/common';
import { backoffDelay } from '../../platform/concurrency/backoff';
import { WakeSignal } from '../../platform/relay/wake-signal';
import type { BatchSender } from './batch-sender';
import type { NotificationStore } from './infrastructure/notification-store';

export interface DispatcherSettings {
  readonly pollIntervalMs: number;
  readonly leaseMs: number;
  /** This instance's name on its claims. */
  readonly owner: string;
}

/**
 * Sends what is due, in every instance that runs consumers: closes expired digest windows, then
 * claims batches one at a time (FOR UPDATE SKIP LOCKED, under a lease) and sends each. Instances
 * never claim the same batch while its lease runs. Stopping waits for the send in flight to
 * settle, so an orderly restart never leaves a batch that was sent but not marked sent.
 */
export class NotificationDispatcher {
  private readonly wakeSignal = new WakeSignal();
  private readonly logger = new Logger('NotificationDispatcher');
  private running: Promise<void> | null = null;
  private stopping = false;

  constructor(
    private readonly store: NotificationStore,
    private readonly sender: BatchSender,
    private readonly settings: DispatcherSettings,
    private readonly now: () => Date,
  ) {}

  start(): void {
    this.stopping = false;
    this.running ??= this.loop();
  }

  /** A batch may be due sooner than the next poll (a zero window, a short one). */
  wake(): void {
    this.wakeSignal.wake();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeSignal.wake();
    await this.running;
    this.running = null;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        await this.sendDue();
        failures = 0;
        await this.wakeSignal.wait(this.settings.pollIntervalMs);
      } catch (error) {
        failures += 1;
        this.logger.warn(`dispatching notifications failed (attempt ${failures}): ${String(error)}`);
        await this.wakeSignal.wait(backoffDelay(failures, this.settings.pollIntervalMs, 30_000));
      }
    }
  }

  private async sendDue(): Promise<void> {
    await this.store.closeExpiredWindows(this.now());
    while (!this.stopping) {
      const claim = await this.store.claimNext(this.settings.owner, this.now(), this.settings.leaseMs);
      if (!claim) return;
      await this.sender.send(claim, this.settings.owner, 'dispatch');
    }
  }
}
