import { Logger } from '@nestjs/common';
import { backoffDelay } from '../concurrency/backoff';
import { Stopper } from '../concurrency/stopper';
import { inLinkedSpan } from '../tracing/tracer';
import { ConfirmPublisher, PublishFailedError } from './confirm-publisher';
import { readAfter } from '../event-log/event-log-tail';
import { cursorOf } from '../event-log/log-cursor';
import { ChannelListener } from '../database/channel-listener';
import { EVENT_LOG_CHANNEL } from '../event-log/log-doorbell';
import { outgoingMessages } from './outgoing-message';
import { CheckpointAdvancer } from './checkpoint-advancer';
import { advanceCheckpoint, loadCheckpoint } from './relay-checkpoint';
import { LeaseLostError, RelayLease } from './relay-lease';
import type { RelaySettings } from './relay-settings';
import { WakeSignal } from './wake-signal';

/** What the relay reports to metrics; a no-op by default. */
export interface RelayObserver {
  published(count: number): void;
}

/**
 * Tails the event log into the broker. While it holds the lease it reads the log in (transaction
 * id, position) order after its checkpoint, publishes batches with confirms (up to
 * `maxInFlightBatches` full batches' worth unconfirmed, in order on one channel), and moves the checkpoint
 * batch by batch, only after that batch's confirms, by compare-and-set (CheckpointAdvancer). Any
 * failure abandons the unconfirmed batches and resumes from the checkpoint: messages may be
 * published twice, never skipped. Woken by LISTEN/NOTIFY, with polling as the fallback.
 */
export class OutboxRelay {
  private readonly wake = new WakeSignal();
  private readonly lease: RelayLease;
  private readonly listener: ChannelListener;
  private readonly publisher: ConfirmPublisher;
  private readonly logger = new Logger('OutboxRelay');
  private running: Promise<void> | null = null;
  private stopper = new Stopper();
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly settings: RelaySettings,
    private readonly observer: RelayObserver = { published: () => undefined },
  ) {
    this.lease = new RelayLease(settings, () => this.wake.wake());
    // A notification only makes the relay look sooner; one missed while reconnecting is covered by
    // the look after every (re)connect and by the relay's polling.
    this.listener = new ChannelListener(settings.databaseUrl, `relay-listen:${settings.name}`, EVENT_LOG_CHANNEL, () => this.wake.wake(), () => this.wake.wake());
    this.publisher = new ConfirmPublisher(settings.rabbitmqUrl, settings.confirmTimeoutMs, settings.connectTimeoutMs, settings.publisher);
  }

  /** True while this instance holds the lease and relays. */
  get active(): boolean {
    return this.lease.isHeld;
  }

  start(): void {
    if (this.running) return;
    this.stopper = new Stopper();
    this.running = this.supervise();
  }

  /** Stops relaying and gives up the lease; unconfirmed batches are republished by the next owner. */
  async stop(): Promise<void> {
    this.stopper.stop();
    this.wake.wake();
    await this.running;
    this.running = null;
  }

  private async supervise(): Promise<void> {
    let failures = 0;
    while (!this.stopper.stopping) {
      try {
        if (!(await this.lease.tryAcquire())) {
          await this.standBy();
          continue;
        }
        this.becomeActive();
        await this.pump();
        failures = 0;
      } catch (error) {
        failures += 1;
        if (error instanceof LeaseLostError) this.lease.lost(error.message);
        this.logger.warn(`relay "${this.settings.name}" failed (attempt ${failures}), resuming from its checkpoint: ${String(error)}`);
        if (error instanceof PublishFailedError || !this.lease.isHeld) await this.publisher.close();
        // Not the wake signal: notifications keep coming while the broker or database is away.
        await this.stopper.sleep(backoffDelay(failures, 100, 5000));
      }
    }
    await this.standBy();
    await this.publisher.close();
    await this.lease.release();
  }

  /**
   * Reads and publishes until stopped or the lease is gone; the advancer settles batches behind
   * it. Throws the first failure, after every batch published before it has settled, so that a
   * restart reads the checkpoint those batches left.
   */
  private async pump(): Promise<void> {
    const client = this.lease.sql;
    const advancer = new CheckpointAdvancer(
      this.settings.name,
      await loadCheckpoint(client, this.settings.name),
      (from, to) => advanceCheckpoint(client, this.settings.name, this.lease.ownerId, from, to),
      (count) => this.observer.published(count),
      () => this.wake.wake(),
    );
    let cursor = advancer.checkpoint;
    try {
      while (!this.stopper.stopping && this.lease.isHeld && !advancer.failure) {
        await this.publisher.ready();
        const events = await readAfter(client, cursor, this.settings.batchSize);
        if (events.length === 0) {
          await this.wake.wait(Math.min(this.settings.pollIntervalMs, this.settings.heartbeatIntervalMs));
          continue;
        }
        // One span per published batch (until its confirms), linked to the writes it carries.
        const confirmed = inLinkedSpan(
          'relay publish batch',
          { 'messaging.batch.message_count': events.length, 'relay.name': this.settings.name },
          events.map((event) => event.metadata.traceparent),
          () => this.publisher.publish(events.flatMap((event) => outgoingMessages(event, this.settings.topology))),
        );
        cursor = cursorOf(events[events.length - 1]);
        advancer.add({ to: cursor, count: events.length, confirmed: confirmed.then(() => null, (error: Error) => error) });
        await advancer.room(this.settings.maxInFlightBatches * this.settings.batchSize);
      }
    } finally {
      await advancer.drained();
    }
    if (advancer.failure) throw advancer.failure;
  }

  private becomeActive(): void {
    void this.listener.start();
    this.heartbeat ??= setInterval(() => {
      this.lease.beat().catch((error: unknown) => this.lease.lost(`heartbeat failed: ${String(error)}`));
    }, this.settings.heartbeatIntervalMs);
  }

  private async standBy(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    await this.listener.stop();
    if (!this.stopper.stopping) await this.wake.wait(this.settings.heartbeatIntervalMs);
  }
}
