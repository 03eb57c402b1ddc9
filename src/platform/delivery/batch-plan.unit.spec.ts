import { anEnvelope } from '../../../test/support/wire.fixtures';
import { keysOf, planBatch } from './batch-plan';
import { decodeDelivery } from './decode-delivery';
import { aDelivery, aRawDelivery } from '../../../test/support/delivery.fixtures';

describe('planning a batch (unit)', () => {
  const a = (version: number) => aDelivery('statistic:A', version);
  const b = (version: number) => aDelivery('statistic:B', version);
  const poisonFor = (streamId: string) =>
    decodeDelivery(aRawDelivery(anEnvelope({ streamId, type: 'NoSuchEvent', eventId: `poison-${streamId}` })), 10);

  it('applies everything, in order, when no key is parked and nothing is poison', () => {
    const batch = [a(1), b(1), a(2)];

    expect(planBatch(batch, new Set())).toEqual({ apply: batch, park: [] });
  });

  it('parks every message of an already parked key, keeping the others', () => {
    const plan = planBatch([a(3), b(1), a(4)], new Set(['statistic:A']));

    expect(plan.apply).toEqual([b(1)]);
    expect(plan.park.map((entry) => [entry.messageId, entry.reason])).toEqual([
      ['statistic:A#3', 'KEY_PARKED'],
      ['statistic:A#4', 'KEY_PARKED'],
    ]);
  });

  it('parks poison with its reason and the later messages of its key behind it, not the earlier ones', () => {
    const plan = planBatch([a(1), poisonFor('statistic:A'), b(1), a(3)], new Set());

    expect(plan.apply).toEqual([a(1), b(1)]);
    expect(plan.park.map((entry) => [entry.key, entry.reason, entry.errors])).toEqual([
      ['statistic:A', 'UNKNOWN_TYPE', ['unknown event type NoSuchEvent']],
      ['statistic:A', 'KEY_PARKED', []],
    ]);
  });

  it('looks each key up once', () => {
    expect(keysOf([a(1), a(2), b(1), poisonFor('statistic:C')])).toEqual(['statistic:A', 'statistic:B', 'statistic:C']);
  });
});
