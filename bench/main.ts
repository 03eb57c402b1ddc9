import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchSection } from './bench-section';
import { databaseVersion, freshBenchDatabase } from './support/bench-database';
import { describeMachine } from './support/machine';
import { runImportBench } from './import.bench';
import { runLiveBench } from './live.bench';
import { runPageBench } from './page.bench';
import { runReadModelBench } from './read-model.bench';
import { runRelayBench } from './relay.bench';
import { runSoakBench } from './soak.bench';
import { runTracingBench } from './tracing.bench';
import { runWriteSideBench } from './write-side.bench';

/**
 * `npm run bench [section...]`: measures, prints and writes docs/BENCHMARKS.md. Benchmarks are
 * measurements, never assertions: the test suite has no timed checks.
 */
const SECTIONS: Record<string, () => Promise<BenchSection>> = {
  write: runWriteSideBench,
  relay: runRelayBench,
  'read-model': runReadModelBench,
  import: runImportBench,
  soak: runSoakBench,
  tracing: runTracingBench,
  live: runLiveBench,
  page: runPageBench,
};
const REPORT = join(__dirname, '../docs/BENCHMARKS.md');

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length > 0 ? wanted : Object.keys(SECTIONS);
  const unknown = names.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0) throw new Error(`unknown sections ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}`);
  await freshBenchDatabase();
  const sections: BenchSection[] = [];
  for (const name of names) {
    console.log(`bench: ${name} ...`);
    const section = await SECTIONS[name]();
    console.log(render(section));
    sections.push(section);
  }
  const machine = describeMachine(await databaseVersion());
  // Sections not run this time keep their last measurement.
  const kept = previousSections().filter(([title]) => !sections.some((section) => section.title === title));
  const report = [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` (sections can be run alone: \`npm run bench -- ${Object.keys(SECTIONS).join('|')}\`).`,
    `Last run: ${new Date().toISOString().slice(0, 10)} (${names.join(', ')}).`,
    '',
    '## Machine',
    '',
    ...machine.map((line) => `- ${line}`),
    '',
    ...kept.map(([, block]) => block),
    ...sections.map(render),
  ].join('\n');
  writeFileSync(REPORT, `${report.trimEnd()}\n`);
  console.log('bench: wrote docs/BENCHMARKS.md');
}

/** The `## title` blocks of the current report, other than the machine. */
function previousSections(): [string, string][] {
  if (!existsSync(REPORT)) return [];
  const blocks = readFileSync(REPORT, 'utf8').split(/^(?=## )/m).slice(1);
  return blocks
    .map((block): [string, string] => [block.slice(3, block.indexOf('\n')).trim(), block.trimEnd() + '\n'])
    .filter(([title]) => title !== 'Machine');
}

function render(section: BenchSection): string {
  const rows = section.rows.map((row) => `| ${row.metric} | ${row.value} | ${row.target ?? ''} |`);
  const notes = (section.notes ?? []).map((note) => `- ${note}`);
  const appendix = section.appendix ? [...section.appendix, ''] : [];
  return [`## ${section.title}`, '', '| metric | measured | target |', '|---|---|---|', ...rows, '', ...notes, '', ...appendix].join('\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
