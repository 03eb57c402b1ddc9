import { hasEnded, waitingFor } from './customs-import.status';
import type { CustomsImportView } from './customs-import.view';

function aView(changes: Partial<CustomsImportView>): CustomsImportView {
  return {
    id: 'i', correlationId: 'c', months: '2026-10', hsPrefixes: null, state: 'running', requestedBy: 'op', requestedAt: new Date(0), finishedAt: null,
    pausedUntil: null, pauseReason: null, failureCode: null, failure: null, quotaUsedToday: 0, units: [],
    counts: { units: 0, unitsByState: {}, fetched: 0, recorded: 0, revised: 0, retracted: 0, unchanged: 0, unknownPartnerRows: 0, refused: 0, deadLettered: 0 },
    ...changes,
  };
}

describe('waitingFor', () => {
  it('given a paused import, then the quota reset time and why', () => {
    const view = aView({ state: 'paused', pausedUntil: new Date('2026-10-16T15:00:00Z'), pauseReason: 'the daily quota is used up' });

    expect(waitingFor(view)).toBe('the customs quota reset at 2026-10-16T15:00:00.000Z: the daily quota is used up');
  });

  it('given a running import, then how many units are still to fetch and to apply', () => {
    const view = aView({ counts: { ...aView({}).counts, units: 10, unitsByState: { pending: 3, fetched: 1, applying: 1, done: 5 } } });

    expect(waitingFor(view)).toBe('3 unit(s) to fetch, 2 to apply (5 of 10 open)');
  });

  it('given a requested import, then the workers that plan it', () => {
    expect(waitingFor(aView({ state: 'requested' }))).toContain('CUSTOMS_IMPORT_WORKERS');
  });

  it('given an ended import, then nothing, and it has ended', () => {
    for (const state of ['completed', 'failed', 'cancelled'] as const) {
      expect(waitingFor(aView({ state }))).toBeNull();
      expect(hasEnded({ state })).toBe(true);
    }
    expect(hasEnded({ state: 'paused' })).toBe(false);
  });
});
