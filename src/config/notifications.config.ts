import { z } from 'zod';
import { Secret } from './secret';

const secret = z
  .string()
  .min(1)
  .transform((value) => new Secret(value));

const millis = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * The notification channels (src/modules/notifications, ADR 0009). Every channel is off until
 * configured: the webhook by its URL, e-mail by its SMTP host and recipients. The webhook URL and
 * the SMTP password are secrets: kept as Secret, never in a log line, an error or a metric.
 * Spread into the app's schema, so they are validated at start-up with everything else; a
 * malformed URL is named by its variable, never echoed.
 */
export const notificationSettings = {
  NOTIFY_WEBHOOK_URL: z
    .string()
    .url('an http(s) URL')
    .refine((url) => /^https?:\/\//i.test(url), 'an http(s) URL')
    .transform((value) => new Secret(value))
    .optional(),
  NOTIFY_SMTP_HOST: z.string().min(1).optional(),
  NOTIFY_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  // true: TLS from the first byte (port 465); false: STARTTLS when the server offers it.
  NOTIFY_SMTP_SECURE: z.enum(['true', 'false']).transform((value) => value === 'true').default('false'),
  // Refuse to send without STARTTLS (set it whenever a password crosses a network).
  NOTIFY_SMTP_REQUIRE_TLS: z.enum(['true', 'false']).transform((value) => value === 'true').default('false'),
  NOTIFY_SMTP_USER: z.string().min(1).optional(),
  NOTIFY_SMTP_PASSWORD: secret.optional(),
  NOTIFY_EMAIL_FROM: z.string().email().optional(),
  NOTIFY_EMAIL_TO: z
    .string()
    .transform((raw) => raw.split(',').map((item) => item.trim()).filter(Boolean))
    .pipe(z.array(z.string().email()))
    .default(''),
  // Notifications of one channel arriving within this window go out as one digest at its end.
  NOTIFY_DIGEST_WINDOW_MS: millis(0, 3_600_000).default(60_000),
  // One send's time limit; a claim's lease is six of them, so a live sender is never overtaken.
  NOTIFY_SEND_TIMEOUT_MS: millis(100, 300_000).default(10_000),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  NOTIFY_RETRY_BASE_MS: millis(1, 3_600_000).default(1000),
  NOTIFY_RETRY_MAX_MS: millis(1, 3_600_000).default(300_000),
  NOTIFY_POLL_INTERVAL_MS: millis(10, 60_000).default(1000),
};

/** The cross-field rules zod's object cannot say: what a configured e-mail channel needs. */
export function notificationSettingProblems(config: {
  NOTIFY_SMTP_HOST?: string | undefined;
  NOTIFY_EMAIL_FROM?: string | undefined;
  NOTIFY_EMAIL_TO: readonly string[];
  NOTIFY_SMTP_USER?: string | undefined;
  NOTIFY_SMTP_PASSWORD?: Secret | undefined;
}): string[] {
  const problems: string[] = [];
  if (config.NOTIFY_SMTP_HOST !== undefined) {
    if (config.NOTIFY_EMAIL_TO.length === 0) problems.push('NOTIFY_EMAIL_TO: required when NOTIFY_SMTP_HOST is set (comma-separated addresses)');
    if (config.NOTIFY_EMAIL_FROM === undefined) problems.push('NOTIFY_EMAIL_FROM: required when NOTIFY_SMTP_HOST is set');
  }
  if ((config.NOTIFY_SMTP_USER === undefined) !== (config.NOTIFY_SMTP_PASSWORD === undefined)) {
    problems.push('NOTIFY_SMTP_USER, NOTIFY_SMTP_PASSWORD: set both or neither');
  }
  return problems;
}
