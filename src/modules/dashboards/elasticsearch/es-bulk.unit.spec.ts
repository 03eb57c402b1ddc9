import type { Client } from '@elastic/elasticsearch';
import { bulkWrite, multiGet, ShardsUnavailableError } from './es-bulk';

/** A client that answers mget and bulk with canned bodies (no I/O). */
function clientAnswering(body: { docs?: unknown[]; items?: unknown[] }): Client {
  return { mget: async () => body, bulk: async () => body } as unknown as Client;
}

describe('Elasticsearch per-item failures', () => {
  it('calls a shard that is not available yet an outage that passes, on reads', async () => {
    const client = clientAnswering({ docs: [{ _id: 'DE', error: { type: 'no_shard_available_action_exception', reason: 'No shard available' } }] });

    await expect(multiGet(client, 'countries', ['DE'])).rejects.toBeInstanceOf(ShardsUnavailableError);
  });

  it('keeps any other per-document error a plain failure', async () => {
    const client = clientAnswering({ docs: [{ _id: 'DE', error: { type: 'illegal_argument_exception', reason: 'bad' } }] });

    const failure = await multiGet(client, 'countries', ['DE']).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(ShardsUnavailableError);
  });

  it('calls writes refused only with 503 or 429 an outage, and a mix with other failures not', async () => {
    const op = { index: 'facts', id: 'a', document: {} };
    const unavailable = clientAnswering({ items: [{ index: { status: 503, error: { reason: 'unavailable' } } }, { index: { status: 429, error: { reason: 'rejected' } } }] });
    const mixed = clientAnswering({ items: [{ index: { status: 503, error: { reason: 'unavailable' } } }, { index: { status: 400, error: { reason: 'mapper' } } }] });

    await expect(bulkWrite(unavailable, [op, { ...op, id: 'b' }])).rejects.toBeInstanceOf(ShardsUnavailableError);
    const failure = await bulkWrite(mixed, [op, { ...op, id: 'b' }]).catch((error: unknown) => error);
    expect(failure).not.toBeInstanceOf(ShardsUnavailableError);
    expect(String(failure)).toContain('2 bulk writes failed');
  });
});
