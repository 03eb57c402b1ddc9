import { ConfigError, loadConfig } from './app-config';
import { customsScheduleEnabled } from './customs-import-ops.config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('customs import settings', () => {
  it('given nothing set, when loaded, then the schedule is the 16th at 06:00 in Seoul, on in production only', () => {
    const development = loadConfig({});
    const production = loadConfig({ NODE_ENV: 'production' });

    expect(development).toMatchObject({
      CUSTOMS_IMPORT_SCHEDULE: '0 6 16 * *',
      CUSTOMS_IMPORT_SCHEDULE_TZ: 'Asia/Seoul',
      CUSTOMS_IMPORT_SCHEDULE_CATCH_UP_HOURS: 336,
      CUSTOMS_IMPORT_SCOPE_MAX_BYTES: 2 * 1024 * 1024,
    });
    expect([customsScheduleEnabled(development), customsScheduleEnabled(production)]).toEqual([false, true]);
    expect(customsScheduleEnabled(loadConfig({ CUSTOMS_IMPORT_SCHEDULE_ENABLED: 'true' }))).toBe(true);
    expect(customsScheduleEnabled(loadConfig({ NODE_ENV: 'production', CUSTOMS_IMPORT_SCHEDULE_ENABLED: 'false' }))).toBe(false);
  });

  it.each([
    ['CUSTOMS_IMPORT_SCHEDULE', '0 25 16 * *'],
    ['CUSTOMS_IMPORT_SCHEDULE', '0 0 6 16 * *'],
    ['CUSTOMS_IMPORT_SCHEDULE', 'monthly'],
    ['CUSTOMS_IMPORT_SCHEDULE_TZ', 'Asia/Atlantis'],
    ['CUSTOMS_IMPORT_SCHEDULE_ENABLED', 'yes'],
    ['CUSTOMS_IMPORT_SCHEDULE_CATCH_UP_HOURS', '-1'],
    ['CUSTOMS_IMPORT_SCOPE_MAX_BYTES', '10'],
  ])('given %s=%s, when loaded, then start-up stops naming it', (name, value) => {
    expect(problemsOf({ [name]: value })).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
  });
});
