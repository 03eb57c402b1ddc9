import { ExportStatistic } from '../../domain/export-statistic';
import { aContext, aKey, aStatistic, figures } from '../../../../../test/support/export-statistic.fixtures';
import { chunkByKey, decideChunk, type ParsedItem } from './decide-chunk';

const item = (index: number, key: string, valueUsd: string): ParsedItem => ({ index, key: aKey(key), figures: figures(valueUsd) });
const A = 'CN-8518309000-2026-08';
const B = 'US-8518309000-2026-08';
const C = 'JP-8518309000-2026-08';

describe('decideChunk', () => {
  it('given a new, an active and a retracted statistic, records the first and third and revises the second', () => {
    const current = new Map([
      [A, ExportStatistic.unrecorded(aKey(A))],
      [B, aStatistic().withKey(B).recorded('10.00').build()],
      [C, aStatistic().withKey(C).recorded('10.00').retracted().build()],
    ]);

    const { decided, invalid, counts } = decideChunk([item(0, A, '1.00'), item(1, B, '2.00'), item(2, C, '3.00')], current, aContext().build());

    expect(counts).toEqual({ recorded: 2, revised: 1, unchanged: 0 });
    expect(invalid).toEqual([]);
    expect(decided.map(({ statistic, expectedVersion }) => [statistic.key.toString(), expectedVersion, statistic.version])).toEqual([
      [A, 0, 1],
      [B, 1, 2],
      [C, 2, 3],
    ]);
  });

  it('given the same figures again, counts the item unchanged and leaves the statistic out', () => {
    const current = new Map([[B, aStatistic().withKey(B).recorded('10.00').build()]]);

    const { decided, counts } = decideChunk([item(0, B, '10.00')], current, aContext().build());

    expect(counts).toEqual({ recorded: 0, revised: 0, unchanged: 1 });
    expect(decided).toEqual([]);
  });

  it('given one key twice, applies both changes to one aggregate against the version read once', () => {
    const current = new Map([[A, ExportStatistic.unrecorded(aKey(A))]]);

    const { decided, counts } = decideChunk([item(0, A, '1.00'), item(1, A, '2.00')], current, aContext().build());

    expect(counts).toEqual({ recorded: 1, revised: 1, unchanged: 0 });
    expect(decided.map(({ expectedVersion, statistic }) => [expectedVersion, statistic.version])).toEqual([[0, 2]]);
  });

  it('reports items the domain refuses with their index instead of throwing', () => {
    const current = new Map([[A, ExportStatistic.unrecorded(aKey(A))], [B, ExportStatistic.unrecorded(aKey(B))]]);

    const { invalid } = decideChunk([item(0, A, '1.00'), item(1, B, '1.00')], current, aContext().withoutCountry('US').build());

    expect(invalid).toEqual([{ index: 1, field: 'countryCode', reason: 'US is not a known country' }]);
  });
});

describe('chunkByKey', () => {
  it('keeps every item of a key in one chunk, so chunks touch disjoint statistics', () => {
    const items = [item(0, A, '1'), item(1, B, '1'), item(2, A, '2'), item(3, C, '1')];

    const chunks = chunkByKey(items, 2);

    expect(chunks.map((chunk) => chunk.map((parsed) => parsed.index))).toEqual([[0, 2], [1, 3]]);
  });
});
