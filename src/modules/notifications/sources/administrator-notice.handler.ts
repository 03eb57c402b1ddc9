import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { Clock } from '../../../platform/cqrs/clock';
import { PG_POOL, type SqlPool } from '../../../platform/database/pg-pool';
import { NotifyAdministratorsCommand, type AdministratorNotice } from '../../countries';
import { CHANNELS, type Notification } from '../domain/notification';
import { NotificationStore } from '../infrastructure/notification-store';
import { NOTIFICATION_CHANNELS, type ChannelMap } from '../notification-channels';

const SUBJECTS: Readonly<Record<AdministratorNotice['outcome'], (code: string) => string>> = {
  deactivated: (code) => `Country ${code} deactivated: out of the dashboards, its facts archived`,
  'deactivation-undone': (code) => `Deactivation of country ${code} failed and was undone: ${code} is active again`,
  'deactivation-cancelled': (code) => `Deactivation of country ${code} cancelled: it was reactivated`,
  'deactivation-failed': (code) => `Deactivation of country ${code} failed and could not be undone: an operator must retry it (processes:retry)`,
  reactivated: (code) => `Country ${code} reactivated: back in the dashboards`,
  'reactivation-undone': (code) => `Reactivation of country ${code} failed and was undone: ${code} is inactive again`,
  'reactivation-cancelled': (code) => `Reactivation of country ${code} cancelled: it was deactivated`,
  'reactivation-failed': (code) => `Reactivation of country ${code} failed and could not be undone: an operator must retry it (processes:retry)`,
};

/**
 * How a country process tells administrators how it ended: recorded in the notifications' own
 * delivery records, once per enabled channel, and sent by the dispatcher like any notification.
 * The process may send the command again (it cannot tell a crash after recording from one before):
 * the notification's id is the process's (its causation id) and the outcome, so a repeat records
 * nothing new, and each ending of one process is told once.
 */
@CommandHandler(NotifyAdministratorsCommand)
export class AdministratorNoticeHandler implements ICommandHandler<NotifyAdministratorsCommand> {
  private readonly store: NotificationStore;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PG_POOL) pool: SqlPool,
    @Inject(NOTIFICATION_CHANNELS) private readonly channels: ChannelMap,
    private readonly clock: Clock,
  ) {
    this.store = new NotificationStore(pool, config.BROKER_PREFIX);
  }

  async execute({ notice, metadata }: NotifyAdministratorsCommand): Promise<void> {
    const now = this.clock.now();
    const notification = administratorNotification(notice, metadata.causationId ?? metadata.correlationId, now);
    for (const channel of CHANNELS.filter((name) => this.channels.has(name))) {
      await this.store.record(channel, [notification], now, this.config.NOTIFY_DIGEST_WINDOW_MS);
    }
  }
}

export function administratorNotification(notice: AdministratorNotice, processId: string, now: Date): Notification {
  const id = `${processId}:${notice.outcome}`;
  const facts: Record<string, string> = { country: notice.code, outcome: notice.outcome, process: processId };
  if (notice.reason !== null) facts.reason = notice.reason;
  if (notice.failure !== null) facts.failure = notice.failure;
  return { messageId: id, kind: `country-${notice.outcome}`, subject: SUBJECTS[notice.outcome](notice.code), facts, occurredAt: now, dedupeKey: id };
}
