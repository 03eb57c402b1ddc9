import { Logger } from '@nestjs/common';
import { failed, inSpan, retriedAfter, SpanKind } from '../../platform/tracing/tracer';
import type { NotificationChannel } from './channels/notification-channel';
import { renderBatch } from './domain/digest';
import type { ChannelName } from './domain/notification';
import { afterFailure, type RetrySchedule } from './domain/send-outcome';
import type { ClaimedBatch, NotificationStore } from './infrastructure/notification-store';

export type BatchResult =
  | { readonly state: 'sent'; readonly count: number }
  | { readonly state: 'retrying'; readonly reason: string; readonly retryInMs: number }
  | { readonly state: 'parked'; readonly reason: string };

/**
 * Sends one claimed batch on its channel and settles it: sent, due again after the back-off (or
 * the receiver's Retry-After), or parked with the reason. In a replay (an operator's), a failure
 * of any kind parks it again at once, with the new reason, so the operator sees how it ended.
 * Settling names the claim's owner: a claim whose lease ran out (and was taken over) settles
 * nothing, which is logged, since the batch may then have been sent twice.
 */
export class BatchSender {
  private readonly logger = new Logger('NotificationSender');

  constructor(
    private readonly store: NotificationStore,
    private readonly channels: ReadonlyMap<ChannelName, NotificationChannel>,
    private readonly retry: RetrySchedule,
    private readonly scope: string,
    private readonly now: () => Date,
    /** Told how many notifications a batch marked sent held (a metric). */
    private readonly onSent: (channel: ChannelName, count: number) => void = () => undefined,
  ) {}

  /**
   * One span per batch (a digest of any number of notifications, so never one per message): a
   * failure that will be retried is an event on it, a parked batch its error.
   */
  send(claim: ClaimedBatch, owner: string, mode: 'dispatch' | 'replay'): Promise<BatchResult> {
    const attributes = { 'notification.channel': claim.channel, 'notification.batch.id': claim.id, 'notification.attempt': claim.attempts, 'notification.mode': mode };
    return inSpan('notification send', { kind: SpanKind.CLIENT, attributes }, async (span) => {
      const result = await this.sendAndSettle(claim, owner, mode);
      span.setAttribute('notification.outcome', result.state);
      if (result.state === 'sent') span.setAttribute('notification.count', result.count);
      else if (result.state === 'retrying') retriedAfter(span, result.reason);
      else failed(span, result.reason);
      return result;
    });
  }

  private async sendAndSettle(claim: ClaimedBatch, owner: string, mode: 'dispatch' | 'replay'): Promise<BatchResult> {
    const channel = this.channels.get(claim.channel);
    if (!channel) return this.settle(claim, owner, { state: 'parked', reason: `the ${claim.channel} channel is not configured in this instance` });
    const notifications = await this.store.notifications(claim.id);
    // Every record of the window was a duplicate of one recorded before: nothing to say.
    if (notifications.length === 0) return this.settle(claim, owner, { state: 'sent', count: 0 });
    const outcome = await channel.send(renderBatch(notifications), `notification-${this.scope}-${claim.id}`);
    if (outcome.kind === 'sent') return this.settle(claim, owner, { state: 'sent', count: notifications.length });
    if (mode === 'replay') return this.settle(claim, owner, { state: 'parked', reason: outcome.reason });
    const next = afterFailure(outcome, claim.attempts, this.retry);
    if ('park' in next) return this.settle(claim, owner, { state: 'parked', reason: next.park });
    return this.settle(claim, owner, { state: 'retrying', reason: outcome.reason, retryInMs: next.retryInMs });
  }

  private async settle(claim: ClaimedBatch, owner: string, result: BatchResult): Promise<BatchResult> {
    const now = this.now();
    const settled =
      result.state === 'sent'
        ? await this.store.markSent(claim.id, owner, now)
        : result.state === 'parked'
          ? await this.store.park(claim.id, owner, now, result.reason)
          : await this.store.retryLater(claim.id, owner, new Date(now.getTime() + result.retryInMs), result.reason);
    const what = `notification batch ${claim.id} (${claim.channel}, attempt ${claim.attempts})`;
    if (settled && result.state === 'sent' && result.count > 0) this.onSent(claim.channel, result.count);
    if (!settled) this.logger.warn(`${what}: the claim's lease ran out before it settled (${result.state}); another instance may have sent it as well`);
    else if (result.state === 'parked') this.logger.warn(`${what} parked: ${result.reason}`);
    else if (result.state === 'retrying') this.logger.warn(`${what} failed: ${result.reason}; retrying in ${result.retryInMs} ms`);
    return result;
  }
}
