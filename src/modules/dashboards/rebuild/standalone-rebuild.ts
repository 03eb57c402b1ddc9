import type { Client } from '@elastic/elasticsearch';
import type { SqlPool as Pool } from '../../../platform/database/pg-pool';
import { EventLogReplay } from '../../../platform/event-log/event-log-replay';
import { PgNamesVersion } from '../elasticsearch/names-version';
import { ReadModelIndexManager } from '../elasticsearch/read-model-index-manager';
import { ReadModelProjection } from '../read-model.projection';
import { ReadModelRebuilder } from './read-model-rebuilder';
import { RebuildRuns } from './rebuild-runs';

/**
 * A rebuilder outside the application (the CLI's `rebuild`): the same plain classes the module
 * wires, on the caller's Elasticsearch client and pool, with the indexes ensured first.
 */
export async function standaloneRebuilder(es: Client, pool: Pool, indexPrefix: string): Promise<ReadModelRebuilder> {
  const indexes = new ReadModelIndexManager(es, indexPrefix);
  await indexes.ensure();
  return new ReadModelRebuilder(es, new ReadModelProjection(es, { names: new PgNamesVersion(pool) }), indexes, new EventLogReplay(pool), new RebuildRuns(pool, indexPrefix));
}
