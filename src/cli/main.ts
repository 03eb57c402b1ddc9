import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { ConfigError, loadConfig } from '../config/app-config';
import { mikroOrmOptions } from '../platform/database/mikro-orm.options';
import { seedReference } from './seed-reference.cli';
import { seedSampleData } from './seed-sample-data.cli';
import { parkedDiscard, parkedList, parkedReplay } from './parked.cli';
import { rebuildReadModel } from './rebuild.cli';
import { notificationsParked, notificationsReplay } from './notifications.cli';
import { importCustoms, importCustomsStatus } from './customs-import.cli';
import { processesAbort, processesList, processesRetry, processesShow } from './processes.cli';

/**
 * Operator commands that run beside (or before) the service. Each command is a function of the
 * validated configuration and its own arguments; `node dist/cli/main.js help` lists them.
 */
type CliCommand = (args: string[]) => Promise<void>;

const commands: Record<string, { summary: string; run: CliCommand }> = {
  migrate: { summary: 'apply pending database migrations', run: migrate },
  'seed:reference': { summary: 'register missing countries and HS categories from data/reference', run: seedReference },
  seed: { summary: 'load the synthetic sample data through the command path (--if-empty, --dry-run, ...)', run: seedSampleData },
  'parked:list': { summary: 'list parked keys (delivery failures) with their first error (--limit N)', run: parkedList },
  'parked:replay': { summary: 'apply a parked key\'s messages in order through the handlers, then unpark it: <key>', run: parkedReplay },
  'parked:discard': { summary: 'drop a parked key\'s messages and unpark it: <key> --reason <text>', run: parkedDiscard },
  'notifications:parked': { summary: 'list parked notification batches with their reason (--limit N)', run: notificationsParked },
  'notifications:replay': { summary: 'send a parked notification batch now with this environment\'s channel settings: <id>', run: notificationsReplay },
  rebuild: { summary: 'replay the event log into new read-model indexes and swap the aliases (--batch-size N)', run: rebuildReadModel },
  'import:customs': {
    summary: 'start a customs import and follow it to the dashboards: --from YYYY-MM [--to YYYY-MM] [--hs 85,8542] [--hs-file codes.csv|.xlsx] [--no-wait]',
    run: importCustoms,
  },
  'import:customs:status': { summary: 'one customs import: state, units, counts, quota, what it waits for: <id>', run: importCustomsStatus },
  'processes:list': { summary: 'list durable processes, newest first (--type T --status failed --limit N)', run: processesList },
  'processes:show': { summary: 'one process: its steps, commands (attempts, errors) and deadlines: <id>', run: processesShow },
  'processes:retry': { summary: 'send a process\'s latest failed command again and resume its step: <id>', run: processesRetry },
  'processes:abort': { summary: 'undo a running process as if a step had failed: <id> --reason <text>', run: processesAbort },
  help: { summary: 'list the commands', run: help },
};

async function migrate(): Promise<void> {
  const orm = await MikroORM.init(mikroOrmOptions(loadConfig()));
  try {
    const applied = await orm.getMigrator().up();
    console.log(applied.length === 0 ? 'database is up to date' : `applied ${applied.map((m) => m.name).join(', ')}`);
  } finally {
    await orm.close();
  }
}

async function help(): Promise<void> {
  for (const [name, { summary }] of Object.entries(commands)) console.log(`  ${name.padEnd(22)} ${summary}`);
}

async function main(): Promise<void> {
  // Each command parses its own flags, so it gets the raw arguments after its name.
  const [name = 'help', ...rest] = process.argv.slice(2);
  const command = commands[name];
  if (!command) {
    console.error(`unknown command "${name}"`);
    await help();
    process.exitCode = 2;
    return;
  }
  await command.run(rest);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
});
