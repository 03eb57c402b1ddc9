import { Pool } from 'pg';
import { ImportJobRepository } from '../../src/modules/customs-import/infrastructure/import-job.repository';
import { decideJob, newJobProgress } from '../../src/modules/customs-import/domain/import-job';
import { MonthRange } from '../../src/modules/customs-import';
import { Period } from '../../src/kernel/period';
import { NotificationStore } from '../../src/modules/notifications/infrastructure/notification-store';
import { runToExit } from '../support/app-process';
import { eventually, sleep } from '../support/delivery-harness';
import {
  aThresholdEnvelope,
  deleteNotifications,
  notificationSettings,
  publishNotifiable,
  SMTP_PASSWORD,
  rebuildToCompletion,
  startNotifyingApp,
  stopNotifyingApp,
  WEBHOOK_SECRET_PATH,
} from '../support/notification-app';
import { SmtpReceiver, WebhookReceiver } from '../support/notification-receivers';
import { deleteCustomsImportState } from '../support/live-test-app';
import { aStatisticInput, deleteStatistics, keyOf } from '../support/statistic-builders';
import { graphql, stopTestApp, type startTestApp } from '../support/test-app';
import { testConfig } from '../support/test-config';

type App = Awaited<ReturnType<typeof startTestApp>>;

/**
 * Notifications through real parts: the relay and the broker bring events to the notifications
 * queue, PostgreSQL holds the delivery records, a real SMTP server and an HTTP receiver listen on
 * 127.0.0.1. Window 1 s, retries from 100 ms (notificationSettings).
 */
describe('notifications (int)', () => {
  const webhook = new WebhookReceiver();
  const smtp = new SmtpReceiver('alerts', SMTP_PASSWORD);
  const logs: string[] = [];
  const statisticKeys: string[] = [];
  let settings: Record<string, string>;
  let harness: App;
  let db: Pool;
  let admin: Pool;

  const postsAbout = (text: string) => webhook.posts.filter((post) => post.body.text?.includes(text));
  const mailsAbout = (text: string) => smtp.mails.filter((mail) => mail.subject.includes(text) || mail.raw.includes(text));
  const aKey = () => {
    const key = keyOf(aStatisticInput());
    statisticKeys.push(key);
    return key;
  };
  const hsOf = (key: string) => key.split('-')[1];
  const batchesOf = async (hs: string) =>
    (
      await db.query<{ channel: string; state: string; attempts: number; last_error: string | null }>(
        `select b.channel, b.state, b.attempts, b.last_error from notification_batch b
         where b.scope = $1 and exists (select from notification_delivery d where d.batch_id = b.id and d.subject like '%' || $2 || '%')
         order by b.channel`,
        [settings.BROKER_PREFIX, hs],
      )
    ).rows;
  /** Waits past a window, its poll and a retry or two: whatever was going to be sent has been. */
  const quiet = () => sleep(2500);

  beforeAll(async () => {
    await webhook.start();
    await smtp.start();
    settings = notificationSettings(webhook, smtp);
    admin = new Pool({ connectionString: testConfig().DATABASE_URL, max: 2 });
    harness = await startNotifyingApp(admin, settings, logs);
    db = harness.db;
  });

  afterAll(async () => {
    const { config } = harness;
    await deleteStatistics(db, statisticKeys);
    await db.query(`delete from event_log where stream_id like 'customs-import:%' and metadata->>'correlationId' = 'notify-test-import'`);
    await db.query(`delete from customs_import where correlation_id = 'notify-test-import'`);
    await stopNotifyingApp(harness);
    // The CLI's processes declare the import's work queues under the prefix when they start.
    await deleteCustomsImportState(admin, config);
    await admin.end();
    await webhook.stop();
    await smtp.stop();
  });

  beforeEach(() => {
    webhook.answer = () => ({ status: 200 });
    smtp.refuse = null;
  });

  it('sends a threshold alert recorded through GraphQL once on each channel', async () => {
    const input = aStatisticInput({ valueUsd: '5000.00' });
    statisticKeys.push(keyOf(input));

    const response = await graphql(harness.app, 'mutation($input: RecordExportStatisticInput!) { recordExportStatistic(input: $input) { version } }', { input });
    // Version 2: the statistic's recording and its ExportThresholdExceeded.
    expect(response.body).toEqual({ data: { recordExportStatistic: { version: 2 } } });

    expect(await eventually(() => postsAbout(input.hsCode).length === 1 && mailsAbout(input.hsCode).length === 1, 20_000)).toBe(true);
    await quiet();
    expect(postsAbout(input.hsCode)).toHaveLength(1);
    const lines = postsAbout(input.hsCode)[0].body.text!.split('\n');
    expect(lines.slice(0, -1)).toEqual([
      `*Exports to CN of HS ${input.hsCode} in 2026-08: USD 5000.00, above USD 1000.00*`,
      'country: CN',
      `hsCode: ${input.hsCode}`,
      'period: 2026-08',
      'valueUsd: 5000.00',
      'thresholdUsd: 1000.00',
    ]);
    expect(lines.at(-1)).toMatch(/^at \d{4}-\d\d-\d\dT[\d:.]+Z$/);
    const [mail] = mailsAbout(input.hsCode);
    expect(mailsAbout(input.hsCode)).toHaveLength(1);
    expect(mail.subject).toBe(`[${settings.BROKER_PREFIX}] Exports to CN of HS ${input.hsCode} in 2026-08: USD 5000.00, above USD 1000.00`);
    expect(mail.to).toEqual(['ops@export-stats.test', 'analyst@export-stats.test']);
    expect(await batchesOf(input.hsCode)).toEqual([
      { channel: 'email', state: 'sent', attempts: 1, last_error: null },
      { channel: 'webhook', state: 'sent', attempts: 1, last_error: null },
    ]);
  });

  it('sends a message delivered twice to the consumer once per channel', async () => {
    const envelope = aThresholdEnvelope(aKey());
    const hs = hsOf(envelope.streamId.slice('statistic:'.length));

    await publishNotifiable(harness.config, [envelope, envelope]);
    expect(await eventually(() => postsAbout(hs).length === 1 && mailsAbout(hs).length === 1, 10_000)).toBe(true);
    await publishNotifiable(harness.config, [envelope]);
    await quiet();

    expect([postsAbout(hs).length, mailsAbout(hs).length]).toEqual([1, 1]);
    const { rows } = await db.query('select channel from notification_delivery where scope = $1 and message_id = $2 order by channel', [settings.BROKER_PREFIX, envelope.eventId]);
    expect(rows).toEqual([{ channel: 'email' }, { channel: 'webhook' }]);
  });

  it('sends once when the app is restarted while the webhook holds its answer, and the message comes again after the restart', async () => {
    const envelope = aThresholdEnvelope(aKey());
    const hs = hsOf(envelope.streamId.slice('statistic:'.length));
    const release = webhook.hold();

    await publishNotifiable(harness.config, [envelope]);
    expect(await eventually(() => postsAbout(hs).length === 1, 10_000)).toBe(true);
    // Mid-send: the receiver has the post, the sender waits for its answer while the app stops.
    const stopping = stopTestApp(harness);
    await sleep(300);
    release();
    await stopping;
    harness = await startNotifyingApp(admin, settings, logs);
    db = harness.db;
    await publishNotifiable(harness.config, [envelope]);

    expect(await eventually(() => mailsAbout(hs).length === 1, 10_000)).toBe(true);
    await quiet();
    expect([postsAbout(hs).length, mailsAbout(hs).length]).toEqual([1, 1]);
    expect((await batchesOf(hs)).map((batch) => batch.state)).toEqual(['sent', 'sent']);
  });

  it('retries a receiver that answers 500, then 200, and waits as long as a 429\'s Retry-After asks', async () => {
    const failing = aThresholdEnvelope(aKey());
    const hs = hsOf(failing.streamId.slice('statistic:'.length));
    webhook.answer = (post) => (post.body.text?.includes(hs) && postsAbout(hs).length === 1 ? { status: 500 } : { status: 200 });

    await publishNotifiable(harness.config, [failing]);
    expect(await eventually(() => postsAbout(hs).length === 2, 10_000)).toBe(true);
    await quiet();
    expect(postsAbout(hs)).toHaveLength(2);
    expect((await batchesOf(hs)).find((batch) => batch.channel === 'webhook')).toEqual({ channel: 'webhook', state: 'sent', attempts: 2, last_error: null });

    const limited = aThresholdEnvelope(aKey());
    const hs2 = hsOf(limited.streamId.slice('statistic:'.length));
    webhook.answer = (post) => (post.body.text?.includes(hs2) && postsAbout(hs2).length === 1 ? { status: 429, headers: { 'retry-after': '2' } } : { status: 200 });
    await publishNotifiable(harness.config, [limited]);
    expect(await eventually(() => postsAbout(hs2).length === 2, 10_000)).toBe(true);
    const [first, second] = postsAbout(hs2);
    // The back-off alone would have retried after 100 ms.
    expect(second.at - first.at).toBeGreaterThanOrEqual(1900);
  });

  it('parks a batch the receiver refuses (400) with the reason, lists it, and replays it once the receiver is fixed', async () => {
    const envelope = aThresholdEnvelope(aKey());
    const hs = hsOf(envelope.streamId.slice('statistic:'.length));
    webhook.answer = (post) => (post.body.text?.includes(hs) ? { status: 400 } : { status: 200 });

    await publishNotifiable(harness.config, [envelope]);
    expect(await eventually(async () => (await batchesOf(hs)).some((batch) => batch.state === 'parked'), 10_000)).toBe(true);
    await quiet();
    expect(postsAbout(hs)).toHaveLength(1);
    expect(mailsAbout(hs)).toHaveLength(1);
    const listed = await graphql(harness.app, '{ parkedNotifications(limit: 100) { id channel reason attempts notificationCount firstSubject } }');
    const parked = (listed.body as { data: { parkedNotifications: { id: string; firstSubject: string }[] } }).data.parkedNotifications.filter((batch) => batch.firstSubject.includes(hs));
    expect(parked).toEqual([{ id: expect.stringMatching(/^\d+$/), channel: 'webhook', reason: 'HTTP 400', attempts: 1, notificationCount: 1, firstSubject: expect.stringContaining(hs) }]);

    const replay = 'mutation($id: ID!) { replayParkedNotification(id: $id) { id channel sent count reason } }';
    expect((await graphql(harness.app, replay, { id: parked[0].id })).body).toEqual({
      data: { replayParkedNotification: { id: parked[0].id, channel: 'webhook', sent: false, count: null, reason: 'HTTP 400' } },
    });
    webhook.answer = () => ({ status: 200 });
    expect((await graphql(harness.app, replay, { id: parked[0].id })).body).toEqual({
      data: { replayParkedNotification: { id: parked[0].id, channel: 'webhook', sent: true, count: 1, reason: null } },
    });
    expect(postsAbout(hs)).toHaveLength(3);
    const again = await graphql(harness.app, replay, { id: parked[0].id });
    expect(again.body).toMatchObject({ data: null, errors: [{ extensions: { code: 'NOT_FOUND', errorCode: 'NOTIFICATION.NOT_PARKED' } }] });
    await quiet();
    expect(postsAbout(hs)).toHaveLength(3);
  });

  it('lists and replays a parked notification from the CLI, with the environment\'s settings', async () => {
    const envelope = aThresholdEnvelope(aKey());
    const hs = hsOf(envelope.streamId.slice('statistic:'.length));
    webhook.answer = (post) => (post.body.text?.includes(hs) ? { status: 404 } : { status: 200 });
    await publishNotifiable(harness.config, [envelope]);
    expect(await eventually(async () => (await batchesOf(hs)).some((batch) => batch.state === 'parked'), 10_000)).toBe(true);
    // As an operator runs it: a process of its own, its settings from the environment.
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...settings, DATABASE_URL: harness.config.DATABASE_URL, ES_URL: harness.config.ES_URL, ES_INDEX_PREFIX: harness.config.ES_INDEX_PREFIX, NODE_ENV: 'test', LOG_LEVEL: 'silent' };
    const cli = (...args: string[]) => runToExit(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/main.ts', ...args], env, 120_000, `cli ${args.join(' ')}`);

    const printed = (await cli('notifications:parked', '--limit', '1000')).split('\n');
    const listed = printed.findIndex((line) => line.includes(hs));
    expect(listed).toBeGreaterThan(0);
    const id = printed[listed - 1].split('\t')[0];
    expect(printed[listed - 1]).toMatch(new RegExp(`^${id}\twebhook\t1 notification\\(s\\)\t1 attempt\\(s\\)\tparked `));
    expect(printed[listed + 1]).toBe('    reason: HTTP 404');

    webhook.answer = () => ({ status: 200 });
    expect((await cli('notifications:replay', id)).trim()).toBe(`${id}: sent 1 notification(s) by webhook`);
    expect(postsAbout(hs)).toHaveLength(2);
  }, 180_000);

  it('parks an e-mail the SMTP server refuses (550) with its reply', async () => {
    const envelope = aThresholdEnvelope(aKey());
    const hs = hsOf(envelope.streamId.slice('statistic:'.length));
    smtp.refuse = 550;

    await publishNotifiable(harness.config, [envelope]);
    expect(await eventually(async () => (await batchesOf(hs)).some((batch) => batch.state === 'parked'), 10_000)).toBe(true);
    smtp.refuse = null;

    const email = (await batchesOf(hs)).find((batch) => batch.channel === 'email');
    expect(email).toEqual({ channel: 'email', state: 'parked', attempts: 1, last_error: expect.stringMatching(/^SMTP 550: /) });
  });

  it('sends nothing for a message marked as a replay, nor during a rebuild of the read model', async () => {
    const replayed = aThresholdEnvelope(aKey());
    const hs = hsOf(replayed.streamId.slice('statistic:'.length));
    const input = aStatisticInput({ valueUsd: '7000.00' });
    statisticKeys.push(keyOf(input));
    await graphql(harness.app, 'mutation($input: RecordExportStatisticInput!) { recordExportStatistic(input: $input) { version } }', { input });
    expect(await eventually(() => postsAbout(input.hsCode).length === 1 && mailsAbout(input.hsCode).length === 1, 20_000)).toBe(true);
    const before = { posts: webhook.posts.length, mails: smtp.mails.length };

    await publishNotifiable(harness.config, [replayed], { replay: true });
    expect(await rebuildToCompletion(harness, 50_000)).toBe(true);
    await quiet();

    expect({ posts: webhook.posts.length, mails: smtp.mails.length }).toEqual(before);
    expect(postsAbout(hs)).toEqual([]);
    const { rows } = await db.query('select count(*)::int as n from notification_delivery where scope = $1 and message_id = $2', [settings.BROKER_PREFIX, replayed.eventId]);
    expect(rows).toEqual([{ n: 0 }]);
  }, 90_000);

  it('tells operators that a customs import failed: the outcome is in the log with the state change, and arrives on each channel', async () => {
    const jobs = harness.app.get(ImportJobRepository, { strict: false });
    const id = (await import('node:crypto')).randomUUID();
    const progress = newJobProgress();
    await jobs.create({ id, correlationId: 'notify-test-import', months: MonthRange.of(Period.parse('2026-07'), Period.parse('2026-07')), hsPrefixes: ['85'], requestedBy: 'test', requestedAt: new Date(), updatedAt: new Date(), progress });
    const failed = decideJob(progress, { type: 'fail', code: 'CUSTOMS.KEY_REFUSED', message: 'the customs service refused CUSTOMS_SERVICE_KEY', now: new Date() });

    expect(await jobs.saveJob(id, failed, progress.version, new Date())).toBe(true);

    const { rows } = await db.query(`select type, stream_version, data from event_log where stream_id = $1`, [`customs-import:${id}`]);
    expect(rows).toEqual([
      {
        type: 'CustomsImportFailed',
        stream_version: 1,
        data: { importId: id, firstMonth: '2026-07', lastMonth: '2026-07', hsPrefixes: ['85'], failureCode: 'CUSTOMS.KEY_REFUSED', failure: 'the customs service refused CUSTOMS_SERVICE_KEY' },
      },
    ]);
    const subject = 'Customs import of 2026-07 (HS 85) failed (CUSTOMS.KEY_REFUSED)';
    expect(await eventually(() => postsAbout(subject).length === 1 && mailsAbout(subject).length === 1, 20_000)).toBe(true);
    expect(postsAbout(subject)[0].body.text).toContain(`importId: ${id}`);
  });

  it('lets one of two senders claim a batch; after the first one\'s lease runs out (a crash mid-send) the other takes it over and the first can no longer mark it', async () => {
    const store = new NotificationStore(db, `${settings.BROKER_PREFIX}-claims`);
    const now = new Date();
    await store.record('webhook', [{ messageId: 'm1', kind: 'k', subject: 's', facts: {}, occurredAt: now, dedupeKey: 'd1' }], now, 0);
    await store.closeExpiredWindows(now);

    const [first, second] = await Promise.all([store.claimNext('a', now, 1000), store.claimNext('b', now, 1000)]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    const claimed = (first ?? second)!;
    const owner = first ? 'a' : 'b';
    const other = first ? 'b' : 'a';
    expect(await store.claimNext(other, new Date(now.getTime() + 999), 1000)).toBeNull();
    const takenOver = await store.claimNext(other, new Date(now.getTime() + 1000), 1000);

    expect(takenOver).toEqual({ id: claimed.id, channel: 'webhook', attempts: 2 });
    expect(await store.markSent(claimed.id, owner, new Date())).toBe(false);
    expect(await store.markSent(claimed.id, other, new Date())).toBe(true);
    await deleteNotifications(db, `${settings.BROKER_PREFIX}-claims`);
  });

  it('never writes the webhook URL\'s secret or the SMTP password into a log line', () => {
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.filter((line) => line.includes('parked'))).not.toEqual([]);
    const leaks = logs.filter((line) => line.includes(WEBHOOK_SECRET_PATH.split('/')[2]) || line.includes(SMTP_PASSWORD) || line.includes(Buffer.from(SMTP_PASSWORD).toString('base64')));
    expect(leaks).toEqual([]);
  });
});
