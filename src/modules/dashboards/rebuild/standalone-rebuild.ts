import type { Client } from '@elastic/elasticsearch';
import type { SqlPool as Pool } from '../../../platform/database/pg-pool';
import { EventLogReplay } from '../../../platform/event-log/event-log-replay';
import { PgNamesVersion } from '../elasticsearch/names-version';
import { ReadModelIndexManager } from '../elasticsearch/read-model-index-manager';
import { ReadModelProjection } from '../read-model.projection';
import { ReadModelRebuilder } from './read-model-rebuilder';
import { RebuildRuns } from './rebuild-runs';
import type { AnomalySettings } from '../domain/anomaly-rule';
import { AnomalyAlerts } from '../projections/alerts/anomaly-alerts';

/**
 * A rebuilder outside the application (the CLI's `rebuild`): the same plain classes the module
 * wires, on the caller's Elasticsearch client and pool, with the indexes ensured first.
 */
export async function standaloneRebuilder(es: Client, pool: Pool, indexPrefix: string, anomalies: AnomalySettings): Promise<ReadModelRebuilder> {
  const indexes = new ReadModelIndexManager(es, indexPrefix);
  await indexes.ensure();
  // A rebuild reports no alert: the anomaly evaluation's default report hears nothing.
  const projection = new ReadModelProjection(es, { names: new PgNamesVersion(pool), anomalies: new AnomalyAlerts(es, anomalies, () => new Date()) });
  return new ReadModelRebuilder(es, projection, indexes, new EventLogReplay(pool), new RebuildRuns(pool, indexPrefix));
}
