import { parseArgs } from 'node:util';
import { ProcessOperations } from '../platform/process-manager/process-operations';
import { ProcessQueries, type ProcessView } from '../platform/process-manager/process.queries';
import { cliOperator, withOperatorApp } from './cli-context';

/**
 * `processes:list`, `processes:show <id>`, `processes:retry <id>`, `processes:abort <id> --reason`:
 * durable processes (ADR 0012), as GraphQL's `processes`, `process`, `retryProcessStep` and
 * `abortProcess` give them. This process runs no poller: the commands a retry or an abort queues
 * are sent by the running instances.
 */
export async function processesList(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { type: { type: 'string' }, status: { type: 'string' }, limit: { type: 'string', default: '20' } } });
  await withOperatorApp(async (app) => {
    const views = await app.get(ProcessQueries).list({ type: values.type ?? null, status: values.status?.toLowerCase() ?? null, limit: Number(values.limit) });
    if (views.length === 0) console.log('no processes');
    for (const view of views) console.log(headline(view));
  });
}

export async function processesShow(args: string[]): Promise<void> {
  const id = requireId(args, 'processes:show <id>');
  if (!id) return;
  await withOperatorApp(async (app) => {
    const view = await app.get(ProcessQueries).one(id);
    if (view) return print(view);
    console.error(`no process has id ${id}`);
    process.exitCode = 1;
  });
}

export async function processesRetry(args: string[]): Promise<void> {
  const id = requireId(args, 'processes:retry <id> (sends its latest failed command again)');
  if (!id) return;
  await withOperatorApp(async (app) => print(await app.get(ProcessOperations).retry(id, cliOperator())));
}

export async function processesAbort(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { reason: { type: 'string' } } });
  const id = requireId(positionals, 'processes:abort <id> --reason <text>');
  if (!id) return;
  if (!values.reason) return usage('processes:abort <id> --reason <text> (the process records who aborted it and why)');
  const reason = values.reason;
  await withOperatorApp(async (app) => print(await app.get(ProcessOperations).abort(id, reason, cliOperator())));
}

function headline(view: ProcessView): string {
  const ended = view.endedAt ? `\tended ${view.endedAt.toISOString()}` : '';
  return `${view.id}\t${view.status}\t${view.key}\tversion ${view.version}\tstarted ${view.startedAt.toISOString()}${ended}`;
}

function print(view: ProcessView): void {
  console.log(headline(view));
  if (view.lastError) console.log(`  last error: ${view.lastError}`);
  for (const step of view.steps) console.log(`  step ${step.name}\t${step.startedAt} -> ${step.endedAt ?? '(running)'}${step.error ? `\t${step.error}` : ''}`);
  for (const command of view.commands) {
    const reissued = command.reissues > 0 ? `\treissued ${command.reissues}x` : '';
    console.log(`  command #${command.sequence} ${command.name}\t${command.status}\t${command.attempts} attempt(s)${reissued}${command.lastError ? `\t${command.lastError}` : ''}`);
  }
  for (const deadline of view.deadlines) console.log(`  deadline ${deadline.name}\t${deadline.dueAt.toISOString()}`);
}

function requireId(positionals: string[], command: string): string | null {
  const [id] = positionals;
  if (id && positionals.length === 1) return id;
  usage(`${command} (the id processes:list prints, e.g. country-deactivation:<event id>)`);
  return null;
}

function usage(text: string): void {
  console.error(`usage: ${text}`);
  process.exitCode = 2;
}
