import { Inject, Injectable } from '@nestjs/common';
import { Period } from '../../../kernel/period';
import { PG_POOL, type SqlPool } from '../../../platform/database/pg-pool';
import type { PublishedMonthSource } from '../../dashboards';

/**
 * What the customs service has published, as far as this service knows: the latest month that a
 * completed import of every chapter (no HS list) brought in whole, every one of its units covering
 * that month done (a split unit counts through its parts). ADR 0007 says why:
 *
 * - an import of some HS codes says nothing of the other chapters, so it never publishes a month;
 * - a month with a unit refused, dead-lettered or cancelled by an operator is missing part of its
 *   trade: its import does not publish it (the other months of a range import still count);
 * - a failed, cancelled, running or paused import publishes nothing; a completed import that an
 *   operator reopens (a unit replayed) stops counting until it completes again.
 *
 * Read from the job's own tables on each call (a few rows per import, one import a month); the
 * dashboards cache the answer per instance.
 */
@Injectable()
export class CustomsPublishedMonths implements PublishedMonthSource {
  constructor(@Inject(PG_POOL) private readonly pool: SqlPool) {}

  async latestPublishedMonth(): Promise<Period | null> {
    const { rows } = await this.pool.query<{ month: string | null }>({
      name: 'customs-latest-published-month',
      text: `select max(m.month) as month
               from customs_import j
              cross join lateral (
                select to_char(d, 'YYYY-MM') as month
                  from generate_series(to_date(j.first_month, 'YYYY-MM'), to_date(j.last_month, 'YYYY-MM'), interval '1 month') as d
              ) m
              where j.state = 'completed' and j.hs_prefixes is null
                and exists (select 1 from customs_import_unit u
                             where u.import_id = j.id and u.state = 'done' and u.first_month <= m.month and u.last_month >= m.month)
                and not exists (select 1 from customs_import_unit u
                                 where u.import_id = j.id and u.state not in ('done', 'split') and u.first_month <= m.month and u.last_month >= m.month)`,
    });
    const month = rows[0]?.month ?? null;
    return month === null ? null : Period.parse(month, 'publishedThrough');
  }
}
