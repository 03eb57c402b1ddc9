import type { AppConfig } from '../../config/app-config';
import { EmailChannel } from './channels/email.channel';
import type { NotificationChannel } from './channels/notification-channel';
import { WebhookChannel } from './channels/webhook.channel';
import type { ChannelName } from './domain/notification';

export const NOTIFICATION_CHANNELS = Symbol('NOTIFICATION_CHANNELS');

export type ChannelMap = ReadonlyMap<ChannelName, NotificationChannel>;

/** The channels this configuration turns on: none unless configured (README, "Notifications"). */
export function channelsFromConfig(config: AppConfig, now: () => Date): ChannelMap {
  const channels = new Map<ChannelName, NotificationChannel>();
  if (config.NOTIFY_WEBHOOK_URL) channels.set('webhook', new WebhookChannel(config.NOTIFY_WEBHOOK_URL, config.NOTIFY_SEND_TIMEOUT_MS, now));
  if (config.NOTIFY_SMTP_HOST && config.NOTIFY_EMAIL_FROM) {
    channels.set(
      'email',
      new EmailChannel({
        host: config.NOTIFY_SMTP_HOST,
        port: config.NOTIFY_SMTP_PORT,
        secure: config.NOTIFY_SMTP_SECURE,
        requireTls: config.NOTIFY_SMTP_REQUIRE_TLS,
        user: config.NOTIFY_SMTP_USER ?? null,
        password: config.NOTIFY_SMTP_PASSWORD ?? null,
        from: config.NOTIFY_EMAIL_FROM,
        to: config.NOTIFY_EMAIL_TO,
        timeoutMs: config.NOTIFY_SEND_TIMEOUT_MS,
        scope: config.BROKER_PREFIX,
      }),
    );
  }
  return channels;
}

/**
 * How long a claim holds a batch: well beyond one send's time limit (SMTP's is per phase:
 * connect, greeting, each reply), so a live sender is never overtaken mid-send.
 */
export function leaseMs(config: AppConfig): number {
  return config.NOTIFY_SEND_TIMEOUT_MS * 6;
}

export function retrySchedule(config: AppConfig): { maxAttempts: number; baseMs: number; maxMs: number } {
  return { maxAttempts: config.NOTIFY_MAX_ATTEMPTS, baseMs: config.NOTIFY_RETRY_BASE_MS, maxMs: config.NOTIFY_RETRY_MAX_MS };
}
