import { parseArgs } from 'node:util';
import { ParkingOperations } from '../platform/delivery/parking/parking-operations';
import { cliOperator, withOperatorApp } from './cli-context';

/**
 * `parked:list`, `parked:replay <key>`, `parked:discard <key> --reason <text>`: the parking
 * store of this deployment's broker prefix (BROKER_PREFIX). A replay applies the parked messages
 * through the handlers the service registers, so these commands build the application (without
 * HTTP listening, relay or consumers) rather than a slimmer context.
 */
export async function parkedList(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { limit: { type: 'string', default: '100' } } });
  await withOperatorApp(async (app) => {
    const parking = app.get(ParkingOperations);
    const keys = await parking.keys(Number(values.limit));
    if (keys.length === 0) console.log('no parked keys');
    for (const key of keys) {
      console.log(`${key.key}\t${key.messageCount} message(s)\t${key.reason}\tparked ${key.parkedAt.toISOString()}\t${key.queue}`);
      const [first] = await parking.messages(key.key, 1);
      if (first) console.log(`    first: ${first.messageId} ${first.type ?? '(unreadable)'} v${first.streamVersion ?? '?'}: ${first.errors.at(-1) ?? ''}`);
    }
  });
}

export async function parkedReplay(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  const key = requireKey(positionals, 'parked:replay <key>');
  if (!key) return;
  await withOperatorApp(async (app) => {
    const parking = app.get(ParkingOperations);
    const result = await parking.replay(key, cliOperator());
    if (result.unparked) {
      console.log(`${key}: replayed ${result.replayed} message(s) in order; the key is no longer parked`);
    } else {
      console.error(`${key}: replayed ${result.replayed} message(s), then ${result.failedMessageId} failed again: ${result.error}`);
      process.exitCode = 1;
    }
  });
}

export async function parkedDiscard(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { reason: { type: 'string' } } });
  const key = requireKey(positionals, 'parked:discard <key> --reason <text>');
  if (!key) return;
  const reason = values.reason;
  if (!reason) return usage('parked:discard <key> --reason <text> (the parking log keeps why messages were dropped)');
  await withOperatorApp(async (app) => {
    const parking = app.get(ParkingOperations);
    const result = await parking.discard(key, reason, cliOperator());
    console.log(`${key}: discarded ${result.discarded} message(s) (kept in parking_log); the key is no longer parked`);
  });
}

function requireKey(positionals: string[], command: string): string | null {
  const [key] = positionals;
  if (key && positionals.length === 1) return key;
  usage(`${command} (the key is a stream id, e.g. statistic:CN-8518309000-2026-08)`);
  return null;
}

function usage(text: string): void {
  console.error(`usage: ${text}`);
  process.exitCode = 2;
}
