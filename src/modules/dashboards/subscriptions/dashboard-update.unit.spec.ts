import { oldestCheckpoint, reflectedPosition, selectDashboardUpdate } from './dashboard-update';

const cursor = (transactionId: number, position: number) => ({ transactionId: String(transactionId), position: String(position) });

describe('the position a dashboard update carries', () => {
  it('given every queue past the newest event the flush took, then it is the oldest checkpoint: everything up to it is reflected', () => {
    expect(reflectedPosition(cursor(900, 40), cursor(950, 55))).toBe('55');
  });

  it('given a queue behind the newest event the flush took, then it is that event: a query there waits for the queues, and reads this update', () => {
    expect(reflectedPosition(cursor(900, 40), cursor(899, 60))).toBe('40');
  });

  it('given a higher position of an older transaction, then reading order decides, not the number', () => {
    // Position 60 of transaction 899 sorts before position 40 of transaction 900.
    expect(reflectedPosition(cursor(900, 40), cursor(899, 60))).not.toBe('60');
  });

  it('given marks without a position, then the oldest checkpoint; given neither, then none', () => {
    expect(reflectedPosition(null, cursor(10, 5))).toBe('5');
    expect(reflectedPosition(null, null)).toBeNull();
  });

  it('given the checkpoints of every consumer, then the oldest in reading order; with one missing, none', () => {
    const checkpoints = new Map([
      ['shard-0', cursor(900, 10)],
      ['shard-1', cursor(899, 70)],
      ['reference', cursor(905, 3)],
    ]);

    expect(oldestCheckpoint(checkpoints, ['shard-0', 'shard-1', 'reference'])).toEqual(cursor(899, 70));
    expect(oldestCheckpoint(checkpoints, ['shard-0', 'shard-1', 'shard-2'])).toBeNull();
  });
});

describe('what a subscriber selects', () => {
  it('given a month asked for, then only that month of that year; without one, every month of the year', () => {
    const update = (year: number, month: number) => ({ year, month, position: '7' });

    expect(selectDashboardUpdate(2026, 5)(update(2026, 5))).toEqual(update(2026, 5));
    expect(selectDashboardUpdate(2026, 5)(update(2026, 6))).toBeNull();
    expect(selectDashboardUpdate(2026, null)(update(2026, 6))).toEqual(update(2026, 6));
    expect(selectDashboardUpdate(2026, null)(update(2025, 6))).toBeNull();
  });
});
