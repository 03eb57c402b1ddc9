import type { Client } from '@elastic/elasticsearch';

/**
 * A rebuild evaluates anomalies on the log's final figures, so an anomaly that held for a while and
 * closed again has nothing left in the log to be found by. Its closed alert is history the read
 * model keeps: before the swap, the old generation's closed anomalies are copied into the new one
 * where it has no alert of that id (`create`: what the rebuild computed wins). Threshold alerts
 * need none of this: they are rebuilt from their statistics' events, closed ones included.
 */
export async function carryOverClosedAnomalies(client: Client, from: string, to: string): Promise<void> {
  const exists = await client.indices.exists({ index: from });
  if (!exists) return;
  await client.reindex({
    source: { index: from, query: { bool: { filter: [{ term: { type: 'ExportAnomaly' } }, { term: { status: 'closed' } }] } } },
    dest: { index: to, op_type: 'create' },
    conflicts: 'proceed',
    refresh: true,
    wait_for_completion: true,
  });
}
