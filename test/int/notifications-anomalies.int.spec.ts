import { Pool } from 'pg';
import { countryScope, productScope, TouchedScopes } from '../../src/modules/dashboards/domain/summary-scopes';
import { DirtySummaries } from '../../src/modules/dashboards/summaries/dirty-summaries';
import { SummaryFlusher } from '../../src/modules/dashboards/summaries/summary-flusher';
import { EVENT_LOG_ROW_COLUMNS, toStoredEvent, type EventLogRow } from '../../src/platform/event-log/event-log.row';
import { toEnvelope } from '../../src/platform/messaging/wire/event-envelope';
import { eventually, sleep } from '../support/delivery-harness';
import { notificationSettings, publishNotifiable, rebuildToCompletion, SMTP_PASSWORD, startNotifyingApp, stopNotifyingApp } from '../support/notification-app';
import { SmtpReceiver, WebhookReceiver } from '../support/notification-receivers';
import { aStatisticInput, deleteStatistics, keyOf } from '../support/statistic-builders';
import { graphql, type startTestApp } from '../support/test-app';
import { testConfig } from '../support/test-config';

const SUBJECT = 'Exports to VN of HS chapter 09 in 2026-01 rose to USD 5000.00 (USD 1000.00 a year earlier, USD 1000.00 a month over the year before)';

/**
 * An anomaly alert through real parts: statistics recorded through GraphQL, the relay, the shard
 * consumers and the summary flush that finds the anomaly, its NotificationRequested through the
 * log and the relay to the notifications queue, a real SMTP server and an HTTP receiver on
 * 127.0.0.1. Recomputed and redelivered, it still arrives once on each channel.
 */
describe('anomaly notifications (int)', () => {
  const webhook = new WebhookReceiver();
  const smtp = new SmtpReceiver('alerts', SMTP_PASSWORD);
  const logs: string[] = [];
  const admin = new Pool({ connectionString: testConfig().DATABASE_URL, max: 2 });
  const hsCode = aStatisticInput().hsCode.replace(/^85/, '09');
  const input = (period: string, valueUsd: string, code = hsCode) => aStatisticInput({ countryCode: 'VN', hsCode: code, period, valueUsd, weightKg: '1.000' });
  const created: string[] = [];
  let harness: Awaited<ReturnType<typeof startTestApp>>;

  const record = async (items: ReturnType<typeof input>[]) => {
    created.push(...items.map(keyOf));
    const response = await graphql(harness.app, 'mutation($items: [RecordExportStatisticInput!]!) { recordExportStatistics(items: $items) { position } }', { items });
    const { position } = (response.body as { data: { recordExportStatistics: { position: string } } }).data.recordExportStatistics;
    await graphql(harness.app, 'query($p: String!) { dashboardSummary(year: 2026, consistency: { atLeastPosition: $p, timeoutMs: 10000 }) { fresh } }', { p: position });
  };
  const requests = async () =>
    (
      await harness.db.query<EventLogRow>(`select ${EVENT_LOG_ROW_COLUMNS} from event_log where stream_id = $1`, [
        `anomaly-notice:${harness.config.ES_INDEX_PREFIX}/anomaly-rise-2026-01-VN-09`,
      ])
    ).rows;
  /** Its summaries marked again and flushed: the month recomputed as it is. */
  const recomputeJanuary = async () => {
    await harness.app.get(DirtySummaries).mark('live', new TouchedScopes().add('2026-01', countryScope('VN')).add('2026-01', productScope('09')));
    await harness.app.get(SummaryFlusher).flush();
  };
  const posts = () => webhook.posts.filter((post) => post.body.text?.includes('HS chapter 09'));
  const mails = () => smtp.mails.filter((mail) => mail.subject.includes('HS chapter 09'));

  beforeAll(async () => {
    await webhook.start();
    await smtp.start();
    // The threshold out of the way; a minimum the anomaly below clears.
    harness = await startNotifyingApp(admin, notificationSettings(webhook, smtp, { EXPORT_THRESHOLD_USD: '1000000', ALERT_ANOMALY_MIN_USD: '10' }), logs);
  });

  afterAll(async () => {
    const { db } = harness;
    await deleteStatistics(db, created);
    await stopNotifyingApp(harness);
    await admin.end();
    await webhook.stop();
    await smtp.stop();
  });

  it('sends an anomaly once on each channel, though its month is recomputed twice more and its request delivered twice', async () => {
    await record(Array.from({ length: 12 }, (_, i) => input(`2025-${String(i + 1).padStart(2, '0')}`, '1000.00')));
    await record([input('2026-01', '5000.00')]);
    expect(await eventually(() => posts().length === 1 && mails().length === 1, 20_000)).toBe(true);

    // Recomputed as it is, then with another statistic of the pair.
    await recomputeJanuary();
    await record([input('2026-01', '1.00', aStatisticInput().hsCode.replace(/^85/, '09'))]);
    // The request itself delivered again to the notifications queue.
    const rows = await requests();
    await publishNotifiable(harness.config, rows.map((row) => toEnvelope(toStoredEvent(row))));
    await sleep(3000);

    expect(rows.map((row) => [row.stream_version, (row.data as { dedupeKey: string }).dedupeKey])).toEqual([[1, 'anomaly-rise-2026-01-VN-09#1']]);
    expect(posts()).toHaveLength(1);
    expect(mails()).toHaveLength(1);
    expect(posts()[0].body.text!.split('\n').slice(0, -1)).toEqual([
      `*${SUBJECT}*`,
      // In the order the log's jsonb keeps the keys of `facts` (shorter first).
      'alert: anomaly-rise-2026-01-VN-09',
      'period: 2026-01',
      'chapter: 09',
      'country: VN',
      'valueUsd: 5000.00',
      'yearAgoUsd: 1000.00',
      'trailingMeanUsd: 1000.00',
    ]);
    expect(mails()[0].subject).toBe(`[${harness.config.BROKER_PREFIX}] ${SUBJECT}`);
  });

  it('asks for nothing during a rebuild, nor when the rebuilt (still open) alert is recomputed after the swap', async () => {
    const before = { posts: posts().length, mails: mails().length };
    expect(await rebuildToCompletion(harness, 60_000)).toBe(true);
    await recomputeJanuary();
    await sleep(3000);
    const rebuilt = await graphql(harness.app, '{ alerts(year: 2026, month: 1, kind: ANOMALY_RISE, country: "VN") { edges { node { id status } } } }');

    expect(rebuilt.body).toEqual({ data: { alerts: { edges: [{ node: { id: 'anomaly-rise-2026-01-VN-09', status: 'OPEN' } }] } } });
    expect((await requests()).map((row) => row.stream_version)).toEqual([1]);
    expect({ posts: posts().length, mails: mails().length }).toEqual(before);
  }, 90_000);
});
