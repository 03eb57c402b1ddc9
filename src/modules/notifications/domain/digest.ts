import type { Notification } from './notification';

/** A batch as a message: a subject line and plain-text lines, which each channel dresses. */
export interface RenderedMessage {
  readonly subject: string;
  readonly lines: readonly string[];
  readonly count: number;
}

/** Notifications listed one by one in a digest; the rest are counted. */
export const DIGEST_LISTED = 20;

/**
 * One notification reads as itself; several as a digest: how many of each kind, then the first
 * few (oldest first) with their facts, then how many more. Notifications that share a dedupe key
 * were collapsed before (one delivery record per key and channel).
 */
export function renderBatch(items: readonly Notification[]): RenderedMessage {
  if (items.length === 1) {
    const [only] = items;
    return { subject: only.subject, lines: [...factLines(only), `at ${only.occurredAt.toISOString()}`], count: 1 };
  }
  const sorted = [...items].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.messageId.localeCompare(b.messageId));
  const kinds = countByKind(sorted);
  const summary = kinds.map(([kind, count]) => `${count.toLocaleString('en-US')} ${kind}`).join(', ');
  const listed = sorted.slice(0, DIGEST_LISTED).map((item) => `- ${item.subject} (${item.occurredAt.toISOString()})`);
  const rest = sorted.length - listed.length;
  const first = sorted[0].occurredAt.toISOString();
  const last = sorted[sorted.length - 1].occurredAt.toISOString();
  return {
    subject: `Digest: ${sorted.length.toLocaleString('en-US')} notifications (${summary})`,
    lines: [`from ${first} to ${last}`, ...listed, ...(rest > 0 ? [`... and ${rest.toLocaleString('en-US')} more`] : [])],
    count: sorted.length,
  };
}

function factLines(item: Notification): string[] {
  return Object.entries(item.facts).map(([name, value]) => `${name}: ${value}`);
}

/** Kinds by count, most frequent first (ties by name), so the subject leads with the burst. */
function countByKind(items: readonly Notification[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
