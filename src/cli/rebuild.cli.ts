import { Client } from '@elastic/elasticsearch';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/app-config';
import { anomalySettingsOf, standaloneRebuilder } from '../modules/dashboards';
import { createPgPool } from '../platform/database/pg-pool';
import { ProgressBar } from './progress-bar';

/**
 * `rebuild [--batch-size N]`: replays the event log into a new generation of the read model's
 * indexes and swaps the aliases to it in one step, while the running service keeps answering
 * from the old generation (and, from the replay on, writes both). Only the projection runs: no
 * broker, no notifications. The same work as the rebuildReadModel mutation, in the foreground.
 */
export async function rebuildReadModel(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { 'batch-size': { type: 'string' } } });
  const config = loadConfig();
  const batchSize = values['batch-size'] ? Number(values['batch-size']) : config.REBUILD_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`--batch-size must be a positive integer, got ${values['batch-size']}`);
  const client = new Client({ node: config.ES_URL, requestTimeout: 120_000, maxRetries: 3 });
  const pool = createPgPool(config);
  const bar = new ProgressBar();
  try {
    const rebuilder = await standaloneRebuilder(client, pool, config.ES_INDEX_PREFIX, anomalySettingsOf(config));
    const started = Date.now();
    const malformed: string[] = [];
    const run = await rebuilder.rebuild(`cli:${userInfo().username}`, {
      batchSize,
      onProgress: (phase, processed, total) => bar.update(phase, processed, total),
      onMalformed: (problem) => malformed.push(problem),
    });
    bar.finish();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `rebuilt the read model "${config.ES_INDEX_PREFIX}" from ${run.processedEvents} events in ${seconds} s: ` +
        `generation ${run.fromGeneration ?? '-'} -> ${run.toGeneration}, aliases swapped`,
    );
    if (malformed.length > 0) {
      console.warn(`skipped ${malformed.length} malformed events (a live consumer would have parked them), e.g.:`);
      for (const problem of malformed.slice(0, 5)) console.warn(`  ${problem}`);
    }
  } finally {
    bar.finish();
    await pool.end();
    await client.close();
  }
}
