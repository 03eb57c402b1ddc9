import { randomUUID } from 'node:crypto';
import { connect } from 'amqplib';
import type { Pool } from 'pg';
import { toEnvelope, type EventEnvelope } from '../../src/platform/messaging/wire/event-envelope';
import { publishOptions } from '../../src/platform/messaging/wire/message-headers';
import { topologyFromConfig } from '../../src/platform/messaging/broker-topology.provider';
import { deleteTopology } from '../../src/platform/messaging/topology-declarer';
import { ReadModelIndexManager } from '../../src/modules/dashboards/elasticsearch/read-model-index-manager';
import { ProjectionCheckpoints } from '../../src/modules/dashboards/freshness/projection-checkpoints';
import { RebuildRuns } from '../../src/modules/dashboards/rebuild/rebuild-runs';
import { DirtySummaries } from '../../src/modules/dashboards/summaries/dirty-summaries';
import { eventually } from './delivery-harness';
import type { AppConfig } from '../../src/config/app-config';
import { deleteRelayState, startCheckpointAtHead } from './relay-state';
import { graphql, startTestApp, stopTestApp } from './test-app';
import { uniqueName } from './test-config';
import type { SmtpReceiver, WebhookReceiver } from './notification-receivers';

/** The part of a webhook URL that is its credential, as Slack's `/services/T.../B.../<token>`. */
export const WEBHOOK_SECRET_PATH = 'T0TEST/B0TEST/webhook-secret-token-42';
export const SMTP_PASSWORD = 'smtp-secret-password-42';

/**
 * Settings of an app with both channels pointed at the test's receivers, a relay of its own that
 * publishes only what is written from now on, and short windows and back-offs.
 */
export function notificationSettings(webhook: WebhookReceiver, smtp: SmtpReceiver, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    BROKER_PREFIX: uniqueName('test-notify'),
    RELAY_ENABLED: 'true',
    CONSUMERS_ENABLED: 'true',
    RELAY_NAME: uniqueName('test-notify-relay'),
    RELAY_POLL_INTERVAL_MS: '200',
    SUMMARY_FLUSH_INTERVAL_MS: '200',
    EXPORT_THRESHOLD_USD: '1000',
    NOTIFY_WEBHOOK_URL: webhook.url(WEBHOOK_SECRET_PATH),
    NOTIFY_SMTP_HOST: '127.0.0.1',
    NOTIFY_SMTP_PORT: String(smtp.port),
    NOTIFY_SMTP_USER: smtp.user,
    NOTIFY_SMTP_PASSWORD: SMTP_PASSWORD,
    NOTIFY_EMAIL_FROM: 'alerts@export-stats.test',
    NOTIFY_EMAIL_TO: 'ops@export-stats.test,analyst@export-stats.test',
    NOTIFY_DIGEST_WINDOW_MS: '1000',
    NOTIFY_POLL_INTERVAL_MS: '100',
    NOTIFY_SEND_TIMEOUT_MS: '3000',
    NOTIFY_RETRY_BASE_MS: '100',
    NOTIFY_RETRY_MAX_MS: '400',
    NOTIFY_MAX_ATTEMPTS: '4',
    ...overrides,
  };
}

/** Starts the app; its JSON log lines go to `logs`, so a test can look for secrets in them. */
export async function startNotifyingApp(db: Pool, settings: Record<string, string>, logs: string[]) {
  await startCheckpointAtHead(db, settings.RELAY_NAME);
  const harness = await startTestApp({ LOG_LEVEL: 'debug', ...settings }, { logDestination: { write: (line: string) => void logs.push(line) } });
  // What listen() does in production: the components' log lines go out from now on, not into a buffer.
  harness.app.flushLogs();
  return harness;
}

type NotifyingApp = Awaited<ReturnType<typeof startNotifyingApp>>;

/**
 * Undoes what startNotifyingApp and the app did under its prefixes: deliveries, read-model state
 * and indexes, the relay's checkpoint, the app itself, then its broker topology. The test's own
 * rows (statistics, imports) are the test's to delete first.
 */
export async function stopNotifyingApp(harness: NotifyingApp): Promise<void> {
  const { config, db } = harness;
  await deleteNotifications(db, config.BROKER_PREFIX);
  await new ProjectionCheckpoints(db, config.ES_INDEX_PREFIX).deleteAll();
  await new DirtySummaries(db, config.ES_INDEX_PREFIX).deleteAll();
  await new RebuildRuns(db, config.ES_INDEX_PREFIX).deleteAll();
  await harness.app.get(ReadModelIndexManager).deleteAll();
  await deleteRelayState(db, config.RELAY_NAME);
  await stopTestApp(harness);
  await deleteTopology(config.RABBITMQ_URL, topologyFromConfig(config));
}

/** Starts a rebuild through GraphQL and answers whether it completed within `timeoutMs`. */
export async function rebuildToCompletion(harness: NotifyingApp, timeoutMs: number): Promise<boolean> {
  const started = await graphql(harness.app, 'mutation { rebuildReadModel { status } }');
  if ((started.body as { data?: { rebuildReadModel?: { status: string } } }).data?.rebuildReadModel?.status !== 'RUNNING') {
    throw new Error(`the rebuild did not start: ${JSON.stringify(started.body)}`);
  }
  return eventually(async () => {
    const progress = await graphql(harness.app, '{ rebuildProgress { status } }');
    return (progress.body as { data: { rebuildProgress: { status: string } } }).data.rebuildProgress.status === 'COMPLETED';
  }, timeoutMs, 500);
}

export function aThresholdEnvelope(key: string, version = 1): EventEnvelope {
  const [countryCode, hsCode, year, month] = key.split('-');
  return toEnvelope({
    position: '1',
    transactionId: '1',
    eventId: randomUUID(),
    streamId: `statistic:${key}`,
    streamVersion: version,
    type: 'ExportThresholdExceeded',
    schemaVersion: 1,
    data: { countryCode, hsCode, period: `${year}-${month}`, valueUsd: '5000.00', thresholdUsd: '1000' },
    metadata: { correlationId: 'notify-test', causationId: null, actor: 'test' },
    occurredAt: new Date(),
  });
}

/** Publishes envelopes to the notifications exchange as the relay does (optionally marked as a replay). */
export async function publishNotifiable(config: AppConfig, envelopes: readonly EventEnvelope[], extraHeaders: Record<string, unknown> = {}): Promise<void> {
  const topology = topologyFromConfig(config);
  const connection = await connect(config.RABBITMQ_URL);
  try {
    const channel = await connection.createConfirmChannel();
    for (const envelope of envelopes) {
      const options = publishOptions(envelope);
      channel.publish(topology.notificationsExchange, envelope.type, Buffer.from(JSON.stringify(envelope)), { ...options, headers: { ...options.headers, ...extraHeaders } });
    }
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
}

/** Removes what the app recorded for its scope. */
export async function deleteNotifications(db: Pool, scope: string): Promise<void> {
  await db.query('delete from notification_delivery where scope = $1', [scope]);
  await db.query('delete from notification_batch where scope = $1', [scope]);
  await db.query('delete from parked_message where scope = $1', [`${scope}/notifications`]);
  await db.query('delete from parked_key where scope = $1', [`${scope}/notifications`]);
}
