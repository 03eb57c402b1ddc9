import { parseArgs } from 'node:util';
import { NotificationOperations } from '../modules/notifications';
import { cliOperator, withOperatorApp } from './cli-context';

/**
 * `notifications:parked` and `notifications:replay <id>`: parked notification batches of this
 * deployment (BROKER_PREFIX). A replay sends from this process, with the channel settings of its
 * environment (NOTIFY_*), so run it where the service's settings are.
 */
export async function notificationsParked(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { limit: { type: 'string', default: '100' } } });
  await withOperatorApp(async (app) => {
    const operations = app.get(NotificationOperations);
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
  await withOperatorApp(async (app) => {
    const operations = app.get(NotificationOperations);
    const result = await operations.replay(id, cliOperator());
    if (result.state === 'sent') {
      console.log(`${id}: sent ${result.count} notification(s) by ${result.channel}`);
    } else {
      console.error(`${id}: not sent by ${result.channel}, parked again: ${result.reason}`);
      process.exitCode = 1;
    }
  });
}
