import { CommandBus } from '@nestjs/cqrs';
import { ValidationError } from '../../../../kernel/domain-error';
import { CountryAlreadyRegisteredError } from '../../countries.errors';
import { RegisterCountryCommand } from './register-country.command';
import { startTestApp, stopTestApp } from '../../../../../test/support/test-app';
import { aCountryInput, deleteCountries, rowsOf } from '../../../../../test/support/reference-builders';

const CODES = ['XB', 'XC'];

describe('registerCountry (real PostgreSQL)', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  let commands: CommandBus;
  const metadata = { correlationId: 'corr-register-int', causationId: 'cmd-1', actor: 'alice' };

  beforeAll(async () => {
    harness = await startTestApp();
    commands = harness.app.get(CommandBus);
    await deleteCountries(harness.db, CODES);
  });

  afterAll(async () => {
    await deleteCountries(harness.db, CODES);
    await stopTestApp(harness);
  });

  it('writes the row and its CountryRegistered event in one go, with the metadata of the request', async () => {
    const receipt = await commands.execute(new RegisterCountryCommand(aCountryInput('xb'), metadata));

    const events = await harness.db.query(
      `select type, schema_version, stream_version, metadata, data, position::text from event_log where stream_id = 'country:XB'`,
    );
    const row = await harness.db.query('select key, name_en, region_code, active, version from country where key = $1', ['XB']);
    expect(events.rows).toEqual([
      {
        type: 'CountryRegistered',
        schema_version: 1,
        stream_version: 1,
        metadata,
        data: {
          code: 'XB',
          nameEn: 'Test country xb',
          nameKo: '시험 국가 xb',
          region: { code: '030', nameEn: 'Eastern Asia', nameKo: '동아시아' },
        },
        position: receipt.position,
      },
    ]);
    expect(row.rows).toEqual([{ key: 'XB', name_en: 'Test country xb', region_code: '030', active: true, version: 1 }]);
    expect(receipt).toEqual({ id: 'XB', version: 1, position: expect.stringMatching(/^\d+$/) });
  });

  it.each([
    ['a blank English name', { nameEn: ' ' }, ValidationError],
    ['a region code that is not M49', { region: { code: 'EA', nameEn: 'East Asia', nameKo: '동아시아' } }, ValidationError],
  ])('given %s, rejects the command and writes nothing', async (_, override, errorType) => {
    await expect(commands.execute(new RegisterCountryCommand(aCountryInput('XC', override), metadata))).rejects.toBeInstanceOf(
      errorType,
    );

    expect(await rowsOf(harness.db, 'country', 'XC')).toEqual({ rows: 0, events: 0 });
  });

  it('given a registered code, rejects a second registration as a duplicate and leaves the first untouched', async () => {
    await commands.execute(new RegisterCountryCommand(aCountryInput('XC'), metadata));

    await expect(
      commands.execute(new RegisterCountryCommand(aCountryInput('XC', { nameEn: 'Someone else' }), metadata)),
    ).rejects.toBeInstanceOf(CountryAlreadyRegisteredError);

    expect(await rowsOf(harness.db, 'country', 'XC')).toEqual({ rows: 1, events: 1 });
    const { rows } = await harness.db.query('select name_en from country where key = $1', ['XC']);
    expect(rows).toEqual([{ name_en: 'Test country XC' }]);
  });
});
