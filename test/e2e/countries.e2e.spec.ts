import { aReceiptResponse, anErrorResponse } from '../support/graphql-expectations';
import { aCountryInput, deleteCountries, rowsOf } from '../support/reference-builders';
import { graphql, startTestApp, stopTestApp } from '../support/test-app';

const RECEIPT = 'id version position';
const CODES = ['XG', 'XH', 'XI', 'XJ'];

describe('country mutations through GraphQL', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    harness = await startTestApp();
    await deleteCountries(harness.db, CODES);
  });

  afterAll(async () => {
    await deleteCountries(harness.db, CODES);
    await stopTestApp(harness);
  });

  const register = (input: object, headers?: Record<string, string>) =>
    graphql(
      harness.app,
      `mutation($input: RegisterCountryInput!) { registerCountry(input: $input) { ${RECEIPT} } }`,
      { input },
      headers,
    );
  const deactivate = (variables: Record<string, unknown>, headers?: Record<string, string>) =>
    graphql(
      harness.app,
      `mutation($code: String!, $reason: String!, $expectedVersion: Int) {
        deactivateCountry(code: $code, reason: $reason, expectedVersion: $expectedVersion) { ${RECEIPT} } }`,
      variables,
      headers,
    );
  const activate = (variables: Record<string, unknown>) =>
    graphql(
      harness.app,
      `mutation($code: String!, $expectedVersion: Int) {
        activateCountry(code: $code, expectedVersion: $expectedVersion) { ${RECEIPT} } }`,
      variables,
    );

  it('registers, deactivates and activates a country, each answering with the new version and position', async () => {
    const registered = await register(aCountryInput('xg'));
    const deactivated = await deactivate({ code: 'XG', reason: 'no longer reported by customs', expectedVersion: 1 });
    const activated = await activate({ code: 'xg', expectedVersion: 2 });
    const again = await activate({ code: 'XG' });

    expect(registered).toEqual(aReceiptResponse('registerCountry', 'XG', 1));
    expect(deactivated).toEqual(aReceiptResponse('deactivateCountry', 'XG', 2));
    expect(activated).toEqual(aReceiptResponse('activateCountry', 'XG', 3));
    // Already active: nothing to record, so the receipt points at where the country already is.
    expect(again).toEqual(activated);
    expect(await rowsOf(harness.db, 'country', 'XG')).toEqual({ rows: 1, events: 3 });
  });

  it('answers a second registration with DUPLICATE', async () => {
    await register(aCountryInput('XH'));

    expect(await register(aCountryInput('XH'))).toEqual(
      anErrorResponse('registerCountry', 'Country XH is already registered', {
        code: 'DUPLICATE',
        errorCode: 'COUNTRY.ALREADY_REGISTERED',
        countryCode: 'XH',
      }),
    );
  });

  it('answers a stale expected version with VERSION_CONFLICT naming both versions, and writes nothing', async () => {
    await register(aCountryInput('XI'));
    await deactivate({ code: 'XI', reason: 'sanctions', expectedVersion: 1 });

    const stale = await activate({ code: 'XI', expectedVersion: 1 });

    expect(stale).toEqual(
      anErrorResponse('activateCountry', 'Country XI is at version 2, not 1: someone changed it since you read it; reload and retry', {
        code: 'VERSION_CONFLICT',
        errorCode: 'COUNTRY.VERSION_CONFLICT',
        countryCode: 'XI',
        expectedVersion: 1,
        actualVersion: 2,
      }),
    );
    expect(await rowsOf(harness.db, 'country', 'XI')).toEqual({ rows: 1, events: 2 });
  });

  it('answers a country nobody registered with NOT_FOUND', async () => {
    expect(await deactivate({ code: 'XZ', reason: 'sanctions' })).toEqual(
      anErrorResponse('deactivateCountry', 'No country XZ has been registered', {
        code: 'NOT_FOUND',
        errorCode: 'COUNTRY.NOT_FOUND',
        countryCode: 'XZ',
      }),
    );
  });

  it.each([
    [{ code: 'X1', reason: 'sanctions' }, 'code', 'must be two ASCII letters (ISO 3166-1 alpha-2), got "X1"'],
    [{ code: 'KR', reason: ' ' }, 'reason', 'must not be empty'],
  ])('answers invalid input %j with VALIDATION naming the field', async (variables, field, reason) => {
    const extensions = { code: 'VALIDATION', errorCode: 'VALIDATION.INVALID_FIELD', field, reason };

    expect(await deactivate(variables)).toEqual(anErrorResponse('deactivateCountry', `${field} ${reason}`, extensions));
  });

  it('answers a mutation without an operator credential with UNAUTHORIZED and writes nothing', async () => {
    const unauthorized = anErrorResponse(
      'registerCountry',
      'this operation requires the operator role: send an x-api-key header or a bearer token that grants it',
      { code: 'UNAUTHORIZED', errorCode: 'AUTH.UNAUTHORIZED', requiredRole: 'operator' },
    );

    expect(await register(aCountryInput('XJ'), { 'x-api-key': 'not-a-key' })).toEqual(unauthorized);
    expect(await register(aCountryInput('XJ'), {})).toEqual(unauthorized);
    expect(await rowsOf(harness.db, 'country', 'XJ')).toEqual({ rows: 0, events: 0 });
  });
});
