import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { AppConfig } from '../config/app-config';
import { DomainError } from '../kernel/domain-error';
import {
  CustomsApiError,
  CustomsImportService,
  CustomsImportStatus,
  type CustomsImportStatusView,
  type CustomsImportView,
  hasEnded,
  readHsScope,
} from '../modules/customs-import';
import { cliOperator, withOperatorApp } from './cli-context';
import { ProgressBar } from './progress-bar';

const USAGE = 'usage: import:customs --from YYYY-MM [--to YYYY-MM] [--hs 85,8542] [--hs-file codes.csv|codes.xlsx] [--no-wait] [--visible-timeout SECONDS]';
const POLL_MS = 1000;

/** Exit codes: 0 completed and visible (or not waited for), 1 failed or cancelled, 3 completed with units an operator must look at. */
export const EXIT_FAILED = 1;
export const EXIT_UNITS_NEED_AN_OPERATOR = 3;

export interface ImportArguments {
  readonly months: string;
  readonly hsCodes: readonly string[] | undefined;
  readonly hsFile: string | undefined;
  readonly wait: boolean;
  readonly visibleTimeoutMs: number;
}

/** The flags of `import:customs`; a mistake throws with the usage line. */
export function parseImportArguments(args: string[]): ImportArguments {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        hs: { type: 'string' },
        'hs-file': { type: 'string' },
        'no-wait': { type: 'boolean', default: false },
        'visible-timeout': { type: 'string', default: '300' },
      },
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.from) throw new Error(`--from is required\n${USAGE}`);
  const to = values.to ?? values.from;
  const hsCodes = values.hs === undefined ? undefined : values.hs.split(',').map((code) => code.trim()).filter((code) => code !== '');
  if (hsCodes !== undefined && hsCodes.length === 0) throw new Error(`--hs must list HS codes separated by commas, e.g. 85,8542\n${USAGE}`);
  const seconds = Number(values['visible-timeout']);
  if (!Number.isInteger(seconds) || seconds < 0) throw new Error(`--visible-timeout must be a whole number of seconds, got "${values['visible-timeout']}"\n${USAGE}`);
  return { months: to === values.from ? values.from : `${values.from}..${to}`, hsCodes, hsFile: values['hs-file'], wait: !values['no-wait'], visibleTimeoutMs: seconds * 1000 };
}

/** The exit code an ended import leaves. */
export function exitCodeOf(view: Pick<CustomsImportView, 'state' | 'counts'>): number {
  if (view.state === 'failed' || view.state === 'cancelled') return EXIT_FAILED;
  if (view.counts.deadLettered > 0 || view.counts.refused > 0) return EXIT_UNITS_NEED_AN_OPERATOR;
  return 0;
}

/** Units that can move no more (done, refused, dead-lettered, split, cancelled) of all units. */
export function endedUnits(view: Pick<CustomsImportView, 'counts'>): number {
  const open = ['pending', 'fetched', 'applying'] as const;
  return view.counts.units - open.reduce((sum, state) => sum + (view.counts.unitsByState[state] ?? 0), 0);
}

/**
 * `import:customs`: starts an import (the running service's workers do the work) and follows it
 * with a progress bar of its units until it has ended and the dashboards show all of it.
 */
export async function importCustoms(args: string[]): Promise<void> {
  const parsed = parseImportArguments(args);
  await withImports(async (imports, status, config) => {
    const fromFile = parsed.hsFile === undefined ? undefined : (await readHsScope(await readFile(parsed.hsFile), { fileName: basename(parsed.hsFile) }, { maxBytes: config.CUSTOMS_IMPORT_SCOPE_MAX_BYTES })).codes;
    const hsCodes = parsed.hsCodes === undefined && fromFile === undefined ? undefined : [...new Set([...(parsed.hsCodes ?? []), ...(fromFile ?? [])])].sort();
    const started = await imports.start({ months: parsed.months, hsCodes, actor: cliOperator() });
    console.log(`started customs import ${started.id} of ${started.months} (${hsCodes ? `HS ${hsCodes.join(', ')}` : 'every HS chapter'}); follow it with import:customs:status ${started.id}`);
    if (!parsed.wait) return;
    const ended = await follow(imports, started.id);
    const shown = await waitVisible(status, ended, parsed.visibleTimeoutMs);
    printStatus(shown);
    if (!shown.visible && shown.state === 'completed') console.warn(`not yet visible in the dashboards after ${parsed.visibleTimeoutMs / 1000} s: are the relay and the consumers running?`);
    process.exitCode = exitCodeOf(shown);
  });
}

/** `import:customs:status <id>`: one import, as the customsImport query shows it. */
export async function importCustomsStatus(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  if (positionals.length !== 1) {
    console.error('usage: import:customs:status <import id>');
    process.exitCode = 2;
    return;
  }
  await withImports(async (imports, status) => {
    const view = await status.describe(await imports.get(positionals[0]));
    printStatus(view);
    if (hasEnded(view)) process.exitCode = exitCodeOf(view);
  });
}

async function follow(imports: CustomsImportService, id: string): Promise<CustomsImportView> {
  const bar = new ProgressBar(process.stderr, 'units');
  try {
    for (;;) {
      const view = await imports.get(id);
      bar.update(view.state, endedUnits(view), Math.max(view.counts.units, 1));
      if (hasEnded(view)) return view;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    bar.finish();
  }
}

async function waitVisible(status: CustomsImportStatus, view: CustomsImportView, timeoutMs: number): Promise<CustomsImportStatusView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const described = await status.describe(view, Math.max(0, Math.min(2000, deadline - Date.now())));
    if (described.visible || view.state !== 'completed' || Date.now() >= deadline) return described;
  }
}

function printStatus(view: CustomsImportStatusView): void {
  const { counts } = view;
  console.log(`import ${view.id}: ${view.state}, months ${view.months}, ${view.hsPrefixes ? `HS ${view.hsPrefixes.join(', ')}` : 'every HS chapter'}, requested by ${view.requestedBy}`);
  console.log(`  units ${counts.units} (${Object.entries(counts.unitsByState).map(([state, n]) => `${state} ${n}`).join(', ')})`);
  console.log(`  rows fetched ${counts.fetched}: recorded ${counts.recorded}, revised ${counts.revised}, retracted ${counts.retracted}, unchanged ${counts.unchanged}, unknown partner ${counts.unknownPartnerRows}`);
  console.log(`  quota used today ${view.quotaUsedToday} of ${view.dailyQuota}; visible in the dashboards: ${view.visible ? 'yes' : 'no'}${view.lastPosition ? ` (last log position ${view.lastPosition})` : ''}`);
  if (view.waitingFor) console.log(`  waiting for ${view.waitingFor}`);
  if (view.failure) console.log(`  failed: ${view.failureCode}: ${view.failure}`);
  for (const unit of view.units.filter((u) => u.state === 'dead_lettered' || u.state === 'refused')) {
    console.log(`  ${unit.state} ${unit.key}: ${unit.lastErrorCode ?? ''} ${unit.lastError ?? ''} (replay or cancel it with the replayCustomsImportUnit / cancelCustomsImportUnit mutations)`);
  }
}

/** The import's service and status in an operator's application; a bad month, a bad list cell or a refused key is an expected refusal. */
function withImports(work: (imports: CustomsImportService, status: CustomsImportStatus, config: AppConfig) => Promise<void>): Promise<void> {
  return withOperatorApp(
    (app, config) => work(app.get(CustomsImportService), app.get(CustomsImportStatus), config),
    (error): error is Error => error instanceof DomainError || error instanceof CustomsApiError,
  );
}
