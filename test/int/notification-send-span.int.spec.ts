import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { Pool } from 'pg';
import { Secret } from '../../src/config/secret';
import { BatchSender } from '../../src/modules/notifications/batch-sender';
import { WebhookChannel } from '../../src/modules/notifications/channels/webhook.channel';
import { NotificationStore } from '../../src/modules/notifications/infrastructure/notification-store';
import { deleteNotifications, WEBHOOK_SECRET_PATH } from '../support/notification-app';
import { WebhookReceiver } from '../support/notification-receivers';
import { testConfig, uniqueName } from '../support/test-config';

/**
 * The span of a notification batch's send (real PostgreSQL delivery records, a real HTTP receiver,
 * an in-memory tracer): one span per batch, whatever it holds; a failure that will be retried is
 * an event on it, a parked batch its error.
 */
describe('the span of a notification send', () => {
  const db = new Pool({ connectionString: testConfig().DATABASE_URL, max: 2 });
  const scope = uniqueName('test-notify-span');
  const store = new NotificationStore(db, scope);
  const webhook = new WebhookReceiver();
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const sent: [string, number][] = [];
  let sender: BatchSender;
  let channel: WebhookChannel;

  beforeAll(async () => {
    provider.register();
    await webhook.start();
    channel = new WebhookChannel(new Secret(webhook.url(WEBHOOK_SECRET_PATH)), 3000, () => new Date());
    sender = new BatchSender(store, new Map([['webhook', channel]]), { maxAttempts: 5, baseMs: 1, maxMs: 1 }, scope, () => new Date(), (name, count) => sent.push([name, count]));
  });

  afterAll(async () => {
    await deleteNotifications(db, scope);
    await db.end();
    await channel.close();
    await webhook.stop();
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  /** A due batch of `count` notifications on the webhook channel, claimed. */
  const aClaimedBatch = async (count: number) => {
    const now = new Date(Date.now() - 1000);
    const notifications = Array.from({ length: count }, (_, i) => ({ messageId: uniqueName('m'), kind: 'k', subject: `s${i}`, facts: {}, occurredAt: now, dedupeKey: uniqueName('d') }));
    await store.record('webhook', notifications, now, 0);
    await store.closeExpiredWindows(new Date());
    return (await store.claimNext('span-test', new Date(), 10_000))!;
  };
  const spans = () => exporter.getFinishedSpans().map((span) => ({ name: span.name, status: span.status.code, events: span.events.map((event) => event.name), attributes: span.attributes }));

  it('one span for a batch that failed once (an event) and was then sent, counting its notifications', async () => {
    webhook.answer = (_post, index) => (index === 0 ? { status: 500 } : { status: 200 });
    const claim = await aClaimedBatch(1);
    expect(await sender.send(claim, 'span-test', 'dispatch')).toMatchObject({ state: 'retrying' });
    const again = (await store.claimNext('span-test', new Date(Date.now() + 1000), 10_000))!;
    expect(await sender.send(again, 'span-test', 'dispatch')).toEqual({ state: 'sent', count: 1 });

    expect(spans()).toEqual([
      expect.objectContaining({ name: 'notification send', status: SpanStatusCode.UNSET, events: ['retried'], attributes: expect.objectContaining({ 'notification.outcome': 'retrying', 'notification.attempt': 1 }) }),
      expect.objectContaining({ name: 'notification send', status: SpanStatusCode.UNSET, events: [], attributes: expect.objectContaining({ 'notification.outcome': 'sent', 'notification.attempt': 2, 'notification.count': 1 }) }),
    ]);
    expect(sent).toEqual([['webhook', 1]]);
  });

  it('a parked batch is the error of its span', async () => {
    exporter.reset();
    webhook.answer = () => ({ status: 400 });
    const claim = await aClaimedBatch(1);

    expect(await sender.send(claim, 'span-test', 'dispatch')).toEqual({ state: 'parked', reason: 'HTTP 400' });
    expect(spans()).toEqual([expect.objectContaining({ name: 'notification send', status: SpanStatusCode.ERROR, attributes: expect.objectContaining({ 'notification.outcome': 'parked' }) })]);
  });
});
