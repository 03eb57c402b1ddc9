import { CommandBus } from '@nestjs/cqrs';
import { ValidationError } from '../../../../kernel/domain-error';
import { CountryNotFoundError, CountryVersionConflictError } from '../../countries.errors';
import { ActivateCountryCommand } from '../activate-country/activate-country.command';
import { RegisterCountryCommand } from '../register-country/register-country.command';
import { DeactivateCountryCommand } from './deactivate-country.command';
import { startTestApp, stopTestApp } from '../../../../../test/support/test-app';
import { aCountryInput, deleteCountries, rowsOf } from '../../../../../test/support/reference-builders';

const CODES = ['XD', 'XE', 'XF'];
const RACERS = 10;

describe('deactivateCountry and activateCountry under concurrency (real PostgreSQL)', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  let commands: CommandBus;
  const metadata = { correlationId: 'country-race', causationId: null, actor: 'test' };

  beforeAll(async () => {
    harness = await startTestApp();
    commands = harness.app.get(CommandBus);
    await deleteCountries(harness.db, CODES);
    for (const code of CODES) await commands.execute(new RegisterCountryCommand(aCountryInput(code), metadata));
  });

  afterAll(async () => {
    await deleteCountries(harness.db, CODES);
    await stopTestApp(harness);
  });

  const settle = async (attempts: Promise<unknown>[]) => {
    const outcomes = await Promise.allSettled(attempts);
    return {
      won: outcomes.filter((outcome) => outcome.status === 'fulfilled').length,
      conflicts: outcomes.flatMap((outcome) =>
        outcome.status === 'rejected' && outcome.reason instanceof CountryVersionConflictError ? [outcome.reason.details] : [],
      ),
    };
  };

  it('given racers with one expected version, then one wins and each other gets a conflict naming both versions', async () => {
    const deactivations = await settle(
      Array.from({ length: RACERS }, (_, i) =>
        commands.execute(new DeactivateCountryCommand({ code: 'XD', reason: `race ${i}`, expectedVersion: 1 }, metadata)),
      ),
    );
    const activations = await settle(
      Array.from({ length: RACERS }, () =>
        commands.execute(new ActivateCountryCommand({ code: 'XD', expectedVersion: 2 }, metadata)),
      ),
    );

    expect(deactivations).toEqual({
      won: 1,
      conflicts: Array(RACERS - 1).fill({ countryCode: 'XD', expectedVersion: 1, actualVersion: 2 }),
    });
    expect(activations).toEqual({
      won: 1,
      conflicts: Array(RACERS - 1).fill({ countryCode: 'XD', expectedVersion: 2, actualVersion: 3 }),
    });
    expect(await rowsOf(harness.db, 'country', 'XD')).toEqual({ rows: 1, events: 3 });
    const { rows } = await harness.db.query('select active, version from country where key = $1', ['XD']);
    expect(rows).toEqual([{ active: true, version: 3 }]);
  });

  it('given racing commands without an expected version, then all succeed and the country changes once', async () => {
    const receipts = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        commands.execute(new DeactivateCountryCommand({ code: 'XE', reason: `race ${i}` }, metadata)),
      ),
    );

    expect(receipts).toEqual(Array(RACERS).fill({ id: 'XE', version: 2, position: receipts[0].position }));
    expect(await rowsOf(harness.db, 'country', 'XE')).toEqual({ rows: 1, events: 2 });
  });

  const deactivateXF = (reason: string, expectedVersion: number) =>
    new DeactivateCountryCommand({ code: 'XF', reason, expectedVersion }, metadata);

  it.each([
    ['a stale version', () => deactivateXF('sanctions', 7), CountryVersionConflictError],
    ['a blank reason', () => deactivateXF('  ', 1), ValidationError],
    ['a malformed code', () => new ActivateCountryCommand({ code: 'X1', expectedVersion: 1 }, metadata), ValidationError],
  ])('given %s, rejects the command and writes nothing', async (_, command, errorType) => {
    await expect(commands.execute(command())).rejects.toBeInstanceOf(errorType);

    expect(await rowsOf(harness.db, 'country', 'XF')).toEqual({ rows: 1, events: 1 });
  });

  it('given a code nobody registered, rejects it as not found and writes nothing', async () => {
    await expect(
      commands.execute(new DeactivateCountryCommand({ code: 'XZ', reason: 'sanctions' }, metadata)),
    ).rejects.toBeInstanceOf(CountryNotFoundError);

    expect(await rowsOf(harness.db, 'country', 'XZ')).toEqual({ rows: 0, events: 0 });
  });
});
