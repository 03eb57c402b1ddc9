import { CronExpressionParser } from 'cron-parser';
import { Period } from '../../../kernel/period';

/** What the schedule asks for at a given instant. */
export type ScheduleDecision =
  /** Fire this occurrence (unless another instance already did): it imports `month`. */
  | { readonly kind: 'due'; readonly occurrence: Date; readonly month: Period }
  /** The latest occurrence is older than the catch-up window: an operator starts it by hand if wanted. */
  | { readonly kind: 'missed'; readonly occurrence: Date; readonly month: Period }
  /** The cron expression has not fired yet (in the history cron-parser can see). */
  | { readonly kind: 'none' };

/**
 * The import's schedule: a five-field cron expression read in a time zone. Each occurrence imports
 * the calendar month before the one it falls in there (the 16th of December imports November), and
 * only the latest occurrence is ever caught up, within `catchUpMs` of it: after a long outage the
 * older months are left to an operator rather than started in a burst.
 */
export class ImportSchedule {
  private constructor(
    readonly cron: string,
    readonly timeZone: string,
    readonly catchUpMs: number,
  ) {
    Object.freeze(this);
  }

  static of(cron: string, timeZone: string, catchUpMs: number): ImportSchedule {
    CronExpressionParser.parse(cron, { tz: timeZone });
    return new ImportSchedule(cron, timeZone, catchUpMs);
  }

  decide(now: Date): ScheduleDecision {
    const occurrence = this.latestAtOrBefore(now);
    if (occurrence === undefined) return { kind: 'none' };
    const month = this.monthOf(occurrence);
    return now.getTime() - occurrence.getTime() <= this.catchUpMs ? { kind: 'due', occurrence, month } : { kind: 'missed', occurrence, month };
  }

  /** The occurrence at `now` itself counts: cron-parser's prev() is strictly before its start. */
  latestAtOrBefore(now: Date): Date | undefined {
    try {
      return this.expression(new Date(now.getTime() + 1)).prev().toDate();
    } catch {
      return undefined;
    }
  }

  nextAfter(now: Date): Date {
    return this.expression(now).next().toDate();
  }

  /** The month before the occurrence's own month, on the schedule's calendar. */
  monthOf(occurrence: Date): Period {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: this.timeZone, year: 'numeric', month: 'numeric' }).formatToParts(occurrence);
    const part = (type: 'year' | 'month') => Number(parts.find((candidate) => candidate.type === type)?.value);
    return Period.of(part('year'), part('month')).plusMonths(-1);
  }

  private expression(currentDate: Date) {
    return CronExpressionParser.parse(this.cron, { tz: this.timeZone, currentDate });
  }
}
