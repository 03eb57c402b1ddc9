import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';

/**
 * The customs import's operating settings: its schedule and the bounds of an uploaded HS scope
 * file. Spread into the app's schema, so they are validated at start-up with everything else.
 */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Five fields: a seconds field would fire (and record) an occurrence every few seconds. */
function isCron(expression: string): boolean {
  if (expression.trim().split(/\s+/).length !== 5) return false;
  try {
    CronExpressionParser.parse(expression, { strict: false });
    return true;
  } catch {
    return false;
  }
}

export const customsImportOpsSettings = {
  // Five fields (minute hour day month weekday), read in CUSTOMS_IMPORT_SCHEDULE_TZ; each firing
  // imports the month before the one it fires in.
  CUSTOMS_IMPORT_SCHEDULE: z.string().refine(isCron, 'a five-field cron expression (minute hour day month weekday) such as "0 6 16 * *"').default('0 6 16 * *'),
  // Unset: on in production only, so a developer's `make run` never starts an import by itself.
  CUSTOMS_IMPORT_SCHEDULE_ENABLED: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  CUSTOMS_IMPORT_SCHEDULE_TZ: z.string().refine(isTimeZone, 'an IANA time zone such as Asia/Seoul').default('Asia/Seoul'),
  // A firing missed while no instance ran is caught up when an instance starts within this window.
  CUSTOMS_IMPORT_SCHEDULE_CATCH_UP_HOURS: z.coerce.number().int().min(0).max(24 * 366).default(14 * 24),
  // An operator's HS code list (CSV or XLSX); ~12,000 HSK codes fit in well under 1 MiB.
  CUSTOMS_IMPORT_SCOPE_MAX_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(2 * 1024 * 1024),
};

/** Whether this instance runs the schedule: as configured, else only in production. */
export function customsScheduleEnabled(config: { NODE_ENV: string; CUSTOMS_IMPORT_SCHEDULE_ENABLED?: boolean | undefined }): boolean {
  return config.CUSTOMS_IMPORT_SCHEDULE_ENABLED ?? config.NODE_ENV === 'production';
}
