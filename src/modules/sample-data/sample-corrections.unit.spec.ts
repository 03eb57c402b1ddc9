import { months } from '../../../test/support/sample-data.fixtures';
import { planSampleCorrections, RETRACTION_REASON } from './sample-corrections';

const data = months(120, { valueUsd: '5000', weightKg: '40' });
const keyOf = (c: { countryCode: string; hsCode: string; period: string }): string => `${c.countryCode}-${c.hsCode}-${c.period}`;
const target = (correction: ReturnType<typeof planSampleCorrections>[number]) =>
  correction.kind === 'retract' ? correction.retraction : correction.statistic;

describe('planSampleCorrections', () => {
  it('given 8 to correct, when planned, then 2 are retracted (one restored later), 2 revised twice and 4 revised once', () => {
    const corrections = planSampleCorrections(data, 8, 1);
    const kinds = corrections.map((c) => `${c.kind}@${c.round}`).sort();

    expect(new Set(corrections.map((c) => keyOf(target(c)))).size).toBe(8);
    expect(kinds).toEqual([
      'restore@2', 'retract@1', 'retract@1', 'revise@1', 'revise@1', 'revise@1', 'revise@1', 'revise@1', 'revise@1', 'revise@2', 'revise@2',
    ]);
  });

  it('given one seed twice, when planned, then the plan is the same; another seed picks other statistics', () => {
    expect(planSampleCorrections(data, 8, 1)).toEqual(planSampleCorrections(data, 8, 1));
    expect(planSampleCorrections(data, 8, 2)).not.toEqual(planSampleCorrections(data, 8, 1));
  });

  it('given a revision, when planned, then it names a generated statistic and changes its value', () => {
    const known = new Set(data.map(keyOf));
    for (const correction of planSampleCorrections(data, 12, 3)) {
      expect(known.has(keyOf(target(correction)))).toBe(true);
      if (correction.kind !== 'retract') expect(correction.statistic.valueUsd).not.toBe('5000');
      else expect(correction.retraction.reason).toBe(RETRACTION_REASON);
    }
  });

  it('given fewer statistics than asked for, or none asked, when planned, then it corrects what there is', () => {
    expect(new Set(planSampleCorrections(data.slice(0, 3), 10, 1).map((c) => keyOf(target(c)))).size).toBe(3);
    expect(planSampleCorrections(data, 0, 1)).toEqual([]);
  });
});
