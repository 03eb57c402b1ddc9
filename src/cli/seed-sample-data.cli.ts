import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { SqlPool as Pool } from '../platform/database/pg-pool';
import { loadConfig } from '../config/app-config';
import { RecordExportStatisticsBatchCommand, RetractExportStatisticCommand } from '../modules/statistics';
import { PG_POOL } from '../platform/database/pg-pool';
import { withWriteSide } from './cli-context';
import { SAMPLE_DATA_ACTOR, seed } from './seed.cli';

const IF_EMPTY = '--if-empty';

/**
 * `seed [--if-empty] [generator options]`: loads the synthetic sample data through the real
 * command path (batch records and revisions, single retractions). `make run` passes --if-empty,
 * so a database that already holds statistics is left alone.
 */
export async function seedSampleData(args: string[]): Promise<void> {
  await withWriteSide(loadConfig(), async (app) => {
    if (args.includes(IF_EMPTY) && (await hasStatistics(app.get<Pool>(PG_POOL)))) {
      console.log('statistics are already recorded; sample data not loaded (drop --if-empty to add it anyway)');
      return;
    }
    const commands = app.get(CommandBus);
    const metadata = { correlationId: randomUUID(), causationId: null, actor: SAMPLE_DATA_ACTOR };
    await seed(
      args.filter((arg) => arg !== IF_EMPTY),
      async (batch) => {
        if (batch.kind !== 'retract') {
          await commands.execute(new RecordExportStatisticsBatchCommand(batch.items, metadata));
          return;
        }
        for (const item of batch.items) {
          await commands.execute(new RetractExportStatisticCommand({ ...item, expectedVersion: null }, metadata));
        }
      },
    );
  });
}

async function hasStatistics(pool: Pool): Promise<boolean> {
  const { rows } = await pool.query<{ found: boolean }>('select exists (select from export_statistic) as found');
  return rows[0].found;
}
