import { importUnit } from './domain/import-unit';
import { decideJob, newJobProgress } from './domain/import-job';
import { MonthRange } from './domain/month-range';
import { decideUnit, newUnitProgress, UnitCommand, UnitProgress } from './domain/unit-progress';
import { importView } from './customs-import.view';
import type { ImportJob, ImportJobUnit } from './infrastructure/import-job.repository';

const MONTHS = MonthRange.parse('2026-08');
const AT = new Date('2026-12-07T10:00:00Z');
const CHECKSUM = { sourceValueUsd: '1.00', sourceWeightKg: '1.000', rowsValueUsd: '1.00', rowsWeightKg: '1.000' };

function unit(hsPrefix: string, ...commands: UnitCommand[]): ImportJobUnit {
  const progress: UnitProgress = commands.reduce(decideUnit, newUnitProgress());
  return { importId: 'job', key: `${hsPrefix}:${MONTHS}`, unit: importUnit(hsPrefix, MONTHS), parentKey: null, updatedAt: AT, progress };
}

describe('importView', () => {
  it('given units done, dead-lettered and split, then the counts add the units up and leave a split unit\'s rows to its parts', () => {
    const job: ImportJob = { id: 'job', correlationId: 'c', months: MONTHS, hsPrefixes: null, requestedBy: 'op', requestedAt: AT, updatedAt: AT, progress: decideJob(newJobProgress(), { type: 'plan' }) };
    const unknown = [{ code: 'QX', name: '중국', reason: 'unknown-code' as const, rows: 2 }];
    const units = [
      unit('01', { type: 'record-fetch', rows: 10 }, { type: 'start-applying', counts: { recorded: 5, revised: 2, retracted: 1, unchanged: 1 }, unknownPartners: unknown, checksum: CHECKSUM }, { type: 'finish' }),
      unit('02', { type: 'record-fetch', rows: 4 }, { type: 'start-applying', counts: { recorded: 4, revised: 0, retracted: 0, unchanged: 0 }, unknownPartners: [], checksum: CHECKSUM }, { type: 'finish' }),
      unit('03', { type: 'record-failure', code: 'X', message: 'x', maxAttempts: 1 }),
      unit('04', { type: 'split', code: 'CUSTOMS.TIMEOUT', message: 'slow' }),
    ];

    const view = importView(job, units, 7);

    expect(view.counts).toEqual({
      units: 4,
      unitsByState: { done: 2, dead_lettered: 1, split: 1 },
      fetched: 14,
      recorded: 9,
      revised: 2,
      retracted: 1,
      unchanged: 1,
      unknownPartnerRows: 2,
      refused: 0,
      deadLettered: 1,
    });
    expect(view).toMatchObject({ state: 'running', quotaUsedToday: 7, months: '2026-08..2026-08' });
  });
});
