/**
 * Faults the stand-in injects, each for the next `times` calls (default 1) whose hsSgn starts with
 * `hsPrefix` (default any). Set through the constructor, `standIn.inject(...)` or POST /control/faults.
 */
export type StandInFault =
  | { readonly kind: 'http-error'; readonly status?: number }
  | { readonly kind: 'gateway'; readonly reasonCode: number }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'hang' }
  | { readonly kind: 'slow'; readonly chunkDelayMs?: number }
  | { readonly kind: 'truncated' }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'wrong-total' }
  | { readonly kind: 'reset' }
  | { readonly kind: 'unknown-partner' };

export type ScheduledFault = StandInFault & { readonly times?: number; readonly hsPrefix?: string };

const KINDS = new Set(['http-error', 'gateway', 'forbidden', 'hang', 'slow', 'truncated', 'malformed', 'wrong-total', 'reset', 'unknown-partner']);

/** A queue of faults: the first one that matches a call is used and counted down. */
export class FaultSchedule {
  private readonly pending: { fault: ScheduledFault; left: number }[] = [];

  add(fault: ScheduledFault): void {
    if (!KINDS.has(fault.kind)) throw new Error(`unknown fault kind ${String(fault.kind)}`);
    this.pending.push({ fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.pending.length = 0;
  }

  take(hsSgn: string): StandInFault | undefined {
    const index = this.pending.findIndex(({ fault }) => hsSgn.startsWith(fault.hsPrefix ?? ''));
    if (index < 0) return undefined;
    const entry = this.pending[index];
    entry.left -= 1;
    if (entry.left <= 0) this.pending.splice(index, 1);
    return entry.fault;
  }
}

/** The code `unknown-partner` gives China's rows (their Korean name stays 중국): no country has it. */
export const UNKNOWN_PARTNER_CODE = 'QX';

/** Breaks a well-formed document: the first statCd loses its closing `>`. */
export function malform(xml: string): string {
  return xml.includes('</statCd>') ? xml.replace('</statCd>', '</statCd') : xml.replace('</header>', '</header');
}
