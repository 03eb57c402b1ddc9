import { parseArgs } from 'node:util';
import { hostname, userInfo } from 'node:os';
import { createApp } from '../bootstrap';
import { loadConfig } from '../config/app-config';
import { DomainError } from '../kernel/domain-error';
import { NotificationOperations } from '../modules/notifications';

/**
 * `notifications:parked` and `notifications:replay <id>`: parked notification batches of this
 * deployment (BROKER_PREFIX). A replay sends from this process, with the channel settings of its
 * environment (NOTIFY_*), so run it where the service's settings are.
 */
export async function notificationsParked(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { limit: { type: 'string', default: '100' } } });
  await withOperations(async (operations) => {
    const parked = await operations.parked(Number(values.limit));
    if (parked.length === 0) console.log('no parked notifications');
    for (const batch of parked) {
      console.log(`${batch.id}\t${batch.channel}\t${batch.notificationCount} notification(s)\t${batch.attempts} attempt(s)\tparked ${batch.parkedAt.toISOString()}`);
      console.log(`    ${batch.firstSubject}`);
      console.log(`    reason: ${batch.reason}`);
    }
  });
}

export async function notificationsReplay(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  const [id] = positionals;
  if (!id || positionals.length !== 1) {
    console.error('usage: notifications:replay <id> (the id notifications:parked lists)');
    process.exitCode = 2;
    return;
  }
  await withOperations(async (operations) => {
    const result = await operations.replay(id, `cli:${userInfo().username}@${hostname()}`);
    if (result.state === 'sent') {
      console.log(`${id}: sent ${result.count} notification(s) by ${result.channel}`);
    } else {
      console.error(`${id}: not sent by ${result.channel}, parked again: ${result.reason}`);
      process.exitCode = 1;
    }
  });
}

async function withOperations(work: (operations: NotificationOperations) => Promise<void>): Promise<void> {
  // An operator's command runs nothing of the service's own: no relay, consumers, import workers or schedule.
  const config = loadConfig({
    ...process.env,
    RELAY_ENABLED: 'false',
    CONSUMERS_ENABLED: 'false',
    CUSTOMS_IMPORT_WORKERS: 'false',
    CUSTOMS_IMPORT_SCHEDULE_ENABLED: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const app = await createApp(config);
  try {
    await app.init();
    await work(app.get(NotificationOperations));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  } finally {
    await app.close();
  }
}
