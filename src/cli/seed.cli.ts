import { parseArgs } from 'node:util';
import { loadCountryReference, loadHsNomenclature } from '../modules/reference-data';
import {
  DEFAULT_SAMPLE_DATA_OPTIONS,
  planSampleCorrections,
  planSampleData,
  SAMPLE_DATA_LABEL,
  sampleDataOptions,
  sampleReferenceOf,
  seedBatches,
  seedTotals,
  type SampleDataOptions,
  type SeedBatch,
} from '../modules/sample-data';

/** Hands one batch to the write side; the lead plugs the CommandBus in here. */
export type SendSeedBatch = (batch: SeedBatch) => Promise<void>;

/** For the metadata of every command the seed sends, so synthetic history is recognisable in the log. */
export const SAMPLE_DATA_ACTOR = 'sample-data-seed';

export interface SeedArguments {
  readonly options: Omit<SampleDataOptions, 'now'>;
  readonly corrections: number;
  readonly batchSize: number;
  readonly dryRun: boolean;
}

const DEFAULT_CORRECTIONS = 24;
// The default BATCH_CHUNK_SIZE: one batch is then one transaction of the batch command.
const DEFAULT_BATCH_SIZE = 1000;
const USAGE =
  'seed [--seed N] [--statistics N] [--from YYYY-MM] [--to YYYY-MM] [--products N] [--tail-partners N] ' +
  '[--corrections N] [--batch-size N] [--dry-run]';
const OPTIONS = {
  seed: { type: 'string' },
  statistics: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  products: { type: 'string' },
  'tail-partners': { type: 'string' },
  corrections: { type: 'string' },
  'batch-size': { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
} as const;

/**
 * Loads a SYNTHETIC data set through the write side: every statistic month by month, then planned
 * revisions and retractions. Without `send`, or with --dry-run, it only says what it would send.
 */
export async function seed(args: string[], send?: SendSeedBatch, now: Date = new Date()): Promise<void> {
  const parsed = parseSeedArguments(args);
  const reference = sampleReferenceOf(loadHsNomenclature(), loadCountryReference());
  const data = planSampleData(reference, sampleDataOptions({ ...parsed.options, now }));
  const corrections = planSampleCorrections(data.statistics(), parsed.corrections, parsed.options.seed);
  const sending = send !== undefined && !parsed.dryRun;
  console.log(SAMPLE_DATA_LABEL);
  console.log(
    `${sending ? 'sending' : 'dry run, nothing sent'}: seed ${parsed.options.seed}, ${data.periods[0]} to ${data.periods.at(-1)}, ` +
      `${data.partners.length} partners, ${data.products.length} HS codes`,
  );
  const sent = { batches: 0, record: 0, revise: 0, retract: 0 };
  for (const batch of seedBatches(data.statistics(), corrections, parsed.batchSize)) {
    if (sending) await send(batch);
    sent.batches++;
    sent[batch.kind] += batch.items.length;
  }
  const totals = seedTotals(data.statistics(), corrections);
  console.log(`${sent.batches} batches: ${sent.record} to record, ${sent.revise} revisions, ${sent.retract} retractions`);
  console.log(`expected afterwards: ${totals.activeStatistics} statistics, ${totals.valueUsd} USD, ${totals.weightKg} kg`);
  console.log(`needs these registered: ${totals.countries.length} countries, HS chapters ${totals.chapters.join(' ')}`);
}

export function parseSeedArguments(args: readonly string[]): SeedArguments {
  const { values } = parseStrictly(args);
  const defaults = DEFAULT_SAMPLE_DATA_OPTIONS;
  const options = {
    ...defaults,
    seed: integer(values.seed, 'seed', defaults.seed),
    statistics: integer(values.statistics, 'statistics', defaults.statistics),
    from: values.from ?? defaults.from,
    to: values.to ?? defaults.to,
    products: integer(values.products, 'products', defaults.products),
    tailPartners: integer(values['tail-partners'], 'tail-partners', defaults.tailPartners),
  };
  // Checks the ranges now, so that a typo fails before any reference data is read.
  sampleDataOptions({ ...options, now: new Date(0) });
  return {
    options,
    corrections: integer(values.corrections, 'corrections', DEFAULT_CORRECTIONS),
    batchSize: integer(values['batch-size'], 'batch-size', DEFAULT_BATCH_SIZE),
    dryRun: values['dry-run'] === true,
  };
}

function parseStrictly(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], strict: true, allowPositionals: false, options: OPTIONS });
  } catch (error) {
    throw new RangeError(`${error instanceof Error ? error.message : String(error)}\nusage: ${USAGE}`);
  }
}

function integer(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^[0-9]+$/.test(raw)) throw new RangeError(`--${name} must be a non-negative integer, got ${JSON.stringify(raw)}\nusage: ${USAGE}`);
  return Number(raw);
}
