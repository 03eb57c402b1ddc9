import type { Client } from '@elastic/elasticsearch';
import { inChildSpan } from '../../../platform/tracing/tracer';

/** One document write. Conditions make it a no-op with a 409 instead of a lost update. */
export interface WriteOp {
  readonly index: string;
  readonly id: string;
  readonly document: object;
  /** `create` fails (409) if the document exists: compare-and-set against "absent". */
  readonly create?: boolean;
  /** External versioning: `external` refuses a version <= the stored one, `external_gte` only a lower one. */
  readonly version?: { readonly value: number; readonly type: 'external' | 'external_gte' };
  /** Compare-and-set against the sequence number read before the document was computed. */
  readonly ifSeqNo?: { readonly seqNo: number; readonly primaryTerm: number };
}

export interface BulkOutcome {
  /** `<index>/<id>` of writes that happened. */
  readonly written: string[];
  /** `<index>/<id>` of writes refused by their condition (HTTP 409). */
  readonly conflicts: string[];
}

const MAX_OPS_PER_REQUEST = 5_000;

class BulkWriteError extends Error {
  constructor(readonly failures: readonly { id: string; status: number; reason: string }[]) {
    super(`${failures.length} bulk writes failed, first: ${failures[0]?.id} ${failures[0]?.status} ${failures[0]?.reason}`);
    this.name = 'BulkWriteError';
  }
}

/**
 * Elasticsearch answered, but the shards a read or write needs are not there yet (a node that has
 * just started recovers its indexes; a node under pressure rejects): an outage that passes, which
 * a consumer retries rather than parking the message.
 */
export class ShardsUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShardsUnavailableError';
  }
}

/** Per-item statuses of a shard that is not available (503) or a node that pushes back (429). */
const UNAVAILABLE_STATUSES = new Set([429, 503]);
/** Per-document error types of mget that say the same. */
const UNAVAILABLE_TYPES = new Set(['no_shard_available_action_exception', 'unavailable_shards_exception', 'cluster_block_exception', 'es_rejected_execution_exception']);

export function opKey(index: string, id: string): string {
  return `${index}/${id}`;
}

/**
 * Writes through the bulk API in requests of at most 5,000 documents. A 409 is an answer (already
 * applied, or someone else wrote first), reported per document; any other failure throws, so the
 * batch is retried as a whole, which is safe because every write here is idempotent.
 */
export async function bulkWrite(client: Client, ops: readonly WriteOp[]): Promise<BulkOutcome> {
  const written: string[] = [];
  const conflicts: string[] = [];
  for (let start = 0; start < ops.length; start += MAX_OPS_PER_REQUEST) {
    const chunk = ops.slice(start, start + MAX_OPS_PER_REQUEST);
    const operations = chunk.flatMap((op) => [{ [op.create ? 'create' : 'index']: header(op) }, op.document]);
    // Only what is read below: a full response is ~250 bytes per document to parse.
    const response = await inChildSpan('elasticsearch bulk', { 'db.system': 'elasticsearch', 'db.operation.batch.size': chunk.length }, () =>
      client.bulk({ operations, filter_path: 'items.*.status,items.*.error.reason' }),
    );
    const failures: { id: string; status: number; reason: string }[] = [];
    (response.items ?? []).forEach((item, i) => {
      const result = item.index ?? item.create;
      const key = opKey(chunk[i].index, chunk[i].id);
      if (!result) throw new Error(`bulk answered an item without index/create: ${JSON.stringify(item)}`);
      if (result.status >= 200 && result.status < 300) written.push(key);
      else if (result.status === 409) conflicts.push(key);
      else failures.push({ id: key, status: result.status, reason: result.error?.reason ?? 'unknown' });
    });
    if (failures.length > 0 && failures.every((failure) => UNAVAILABLE_STATUSES.has(failure.status))) {
      throw new ShardsUnavailableError(new BulkWriteError(failures).message);
    }
    if (failures.length > 0) throw new BulkWriteError(failures);
  }
  return { written, conflicts };
}

function header(op: WriteOp): Record<string, unknown> {
  return {
    _index: op.index,
    _id: op.id,
    ...(op.version ? { version: op.version.value, version_type: op.version.type } : {}),
    ...(op.ifSeqNo ? { if_seq_no: op.ifSeqNo.seqNo, if_primary_term: op.ifSeqNo.primaryTerm } : {}),
  };
}

/** A document read with the sequence number to write it back under compare-and-set. */
export interface VersionedDocument<T> {
  readonly id: string;
  readonly source: T;
  readonly seqNo: number;
  readonly primaryTerm: number;
  readonly version: number;
}

const MAX_IDS_PER_MGET = 5_000;

/**
 * Multi-get by id, in chunks. Realtime by default (sees a write before any refresh). Reading only
 * seq_nos for compare-and-set may skip the source and realtime: a stale answer only costs a 409
 * and a retry, since the write itself checks against the current sequence number.
 */
export async function multiGet<T>(
  client: Client,
  index: string,
  ids: readonly string[],
  options: { source?: boolean; realtime?: boolean } = {},
): Promise<Map<string, VersionedDocument<T>>> {
  const found = new Map<string, VersionedDocument<T>>();
  const unique = [...new Set(ids)];
  const { source = true, realtime = true } = options;
  for (let start = 0; start < unique.length; start += MAX_IDS_PER_MGET) {
    const response = await client.mget<T>({ index, ids: unique.slice(start, start + MAX_IDS_PER_MGET), _source: source, realtime });
    for (const doc of response.docs) {
      if ('error' in doc && doc.error) {
        const message = `mget ${index}/${doc._id}: ${doc.error.reason}`;
        throw UNAVAILABLE_TYPES.has(doc.error.type) ? new ShardsUnavailableError(message) : new Error(message);
      }
      if (!('found' in doc) || !doc.found || (source && doc._source === undefined)) continue;
      found.set(doc._id, {
        id: doc._id,
        source: doc._source as T,
        seqNo: doc._seq_no ?? -1,
        primaryTerm: doc._primary_term ?? -1,
        version: doc._version ?? 0,
      });
    }
  }
  return found;
}

/** The compare-and-set condition for a document read earlier: `create` when it did not exist. */
export function casCondition(current: VersionedDocument<unknown> | undefined): Pick<WriteOp, 'create' | 'ifSeqNo'> {
  return current ? { ifSeqNo: { seqNo: current.seqNo, primaryTerm: current.primaryTerm } } : { create: true };
}

export async function refresh(client: Client, indexes: readonly string[]): Promise<void> {
  if (indexes.length > 0) await client.indices.refresh({ index: [...new Set(indexes)].join(',') });
}
