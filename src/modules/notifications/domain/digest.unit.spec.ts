import { DIGEST_LISTED, renderBatch } from './digest';
import type { Notification } from './notification';

const alert = (i: number, kind = 'export-threshold-exceeded'): Notification => ({
  messageId: `m${String(i).padStart(5, '0')}`,
  kind,
  subject: `alert ${i}`,
  facts: { n: String(i) },
  occurredAt: new Date(Date.UTC(2026, 11, 8, 9, 0, 0, i)),
  dedupeKey: `k${i}`,
});

describe('rendering a batch (unit)', () => {
  it('renders one notification as itself: its subject, its facts, when', () => {
    expect(renderBatch([alert(1)])).toEqual({ subject: 'alert 1', lines: ['n: 1', 'at 2026-12-08T09:00:00.001Z'], count: 1 });
  });

  it('renders 3,000 as one digest: counts by kind, the oldest listed, the rest counted', () => {
    const items = [...Array.from({ length: 2999 }, (_, i) => alert(3000 - i)), alert(0, 'customs-import-completed')];
    const digest = renderBatch(items);

    expect(digest.count).toBe(3000);
    expect(digest.subject).toBe('Digest: 3,000 notifications (2,999 export-threshold-exceeded, 1 customs-import-completed)');
    expect(digest.lines[0]).toBe('from 2026-12-08T09:00:00.000Z to 2026-12-08T09:00:03.000Z');
    expect(digest.lines.slice(1, 3)).toEqual(['- alert 0 (2026-12-08T09:00:00.000Z)', '- alert 2 (2026-12-08T09:00:00.002Z)']);
    expect(digest.lines).toHaveLength(1 + DIGEST_LISTED + 1);
    expect(digest.lines.at(-1)).toBe(`... and ${(3000 - DIGEST_LISTED).toLocaleString('en-US')} more`);
  });
});
