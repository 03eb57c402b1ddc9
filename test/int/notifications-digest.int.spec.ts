import { CommandBus } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { RecordExportStatisticsBatchCommand } from '../../src/modules/statistics';
import { eventually, sleep } from '../support/delivery-harness';
import { notificationSettings, SMTP_PASSWORD, startNotifyingApp, stopNotifyingApp } from '../support/notification-app';
import { SmtpReceiver, WebhookReceiver } from '../support/notification-receivers';
import { aStatisticInput, deleteStatistics, keyOf } from '../support/statistic-builders';
import { type startTestApp } from '../support/test-app';
import { testConfig } from '../support/test-config';

const ALERTS = 3000;
const WINDOW_MS = 15_000;

/**
 * A burst: one batch command records 3,000 statistics above the threshold, so the log holds 3,000
 * ExportThresholdExceeded events, which the relay brings to the notifications queue within a
 * window. Each channel gets one digest of all of them, not 3,000 messages.
 */
describe('notification digests (int)', () => {
  const webhook = new WebhookReceiver();
  const smtp = new SmtpReceiver('alerts', SMTP_PASSWORD);
  const logs: string[] = [];
  const admin = new Pool({ connectionString: testConfig().DATABASE_URL, max: 2 });
  const items = Array.from({ length: ALERTS }, () => aStatisticInput({ countryCode: 'JP', period: '2026-06', valueUsd: '2500000.00' }));
  let harness: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    await webhook.start();
    await smtp.start();
    harness = await startNotifyingApp(admin, notificationSettings(webhook, smtp, { NOTIFY_DIGEST_WINDOW_MS: String(WINDOW_MS) }), logs);
  });

  afterAll(async () => {
    const { db } = harness;
    await deleteStatistics(db, items.map(keyOf));
    await stopNotifyingApp(harness);
    await admin.end();
    await webhook.stop();
    await smtp.stop();
  });

  it('sends 3,000 threshold alerts of one burst as one digest per channel', async () => {
    const result = await harness.app
      .get(CommandBus)
      .execute(new RecordExportStatisticsBatchCommand(items, { correlationId: 'notify-digest-test', causationId: null, actor: 'test' }));
    expect(result.recorded).toBe(ALERTS);

    expect(await eventually(() => webhook.posts.length >= 1 && smtp.mails.length >= 1, WINDOW_MS + 20_000, 200)).toBe(true);
    await sleep(3000);

    expect(webhook.posts).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);
    const text = webhook.posts[0].body.text!;
    expect(text.split('\n')[0]).toBe('*Digest: 3,000 notifications (3,000 export-threshold-exceeded)*');
    expect(text).toContain('... and 2,980 more');
    expect(smtp.mails[0].subject).toBe(`[${harness.config.BROKER_PREFIX}] Digest: 3,000 notifications (3,000 export-threshold-exceeded)`);
    const { rows } = await harness.db.query(
      `select b.channel, b.state, count(d.*)::int as notifications from notification_batch b join notification_delivery d on d.batch_id = b.id
       where b.scope = $1 group by b.id order by b.channel`,
      [harness.config.BROKER_PREFIX],
    );
    expect(rows).toEqual([
      { channel: 'email', state: 'sent', notifications: ALERTS },
      { channel: 'webhook', state: 'sent', notifications: ALERTS },
    ]);
  }, 120_000);
});
