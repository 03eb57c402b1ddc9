import { aReceiptResponse, anErrorResponse } from '../support/graphql-expectations';
import { aCategoryCode, deleteCategories, rowsOf } from '../support/reference-builders';
import { graphql, startTestApp, stopTestApp } from '../support/test-app';

const RECEIPT = 'id version position';

describe('catalogue mutations through GraphQL', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  const created: string[] = [];

  beforeAll(async () => {
    harness = await startTestApp();
  });

  afterAll(async () => {
    await deleteCategories(harness.db, created);
    await stopTestApp(harness);
  });

  const create = (input: object, headers?: Record<string, string>) =>
    graphql(
      harness.app,
      `mutation($input: CreateProductCategoryInput!) { createProductCategory(input: $input) { ${RECEIPT} } }`,
      { input },
      headers,
    );
  const rename = (input: object) =>
    graphql(
      harness.app,
      `mutation($input: RenameProductCategoryInput!) { renameProductCategory(input: $input) { ${RECEIPT} } }`,
      { input },
    );
  const aNewCategory = () => {
    const hsCode = aCategoryCode();
    created.push(hsCode);
    return { hsCode, descriptionEn: 'Microphones, other' };
  };

  it('creates a category under a seeded subheading and renames it, each answering with the new version', async () => {
    const input = aNewCategory();

    const createdCategory = await create(input);
    const renamed = await rename({ hsCode: input.hsCode, expectedVersion: 1, descriptionKo: '기타 마이크로폰' });
    const cleared = await rename({
      hsCode: input.hsCode,
      expectedVersion: 2,
      descriptionEn: 'Other microphones',
      descriptionKo: null,
    });

    expect(createdCategory).toEqual(aReceiptResponse('createProductCategory', input.hsCode, 1));
    expect(renamed).toEqual(aReceiptResponse('renameProductCategory', input.hsCode, 2));
    expect(cleared).toEqual(aReceiptResponse('renameProductCategory', input.hsCode, 3));
    const { rows } = await harness.db.query(
      'select section, description_en, description_ko, version from product_category where key = $1',
      [input.hsCode],
    );
    expect(rows).toEqual([{ section: 'XVI', description_en: 'Other microphones', description_ko: null, version: 3 }]);
  });

  it('answers a code already in the catalogue with DUPLICATE and leaves it untouched', async () => {
    const before = await rowsOf(harness.db, 'product_category', '851810');

    expect(await create({ hsCode: '851810', descriptionEn: 'Microphones' })).toEqual(
      anErrorResponse('createProductCategory', 'Product category 851810 is already in the catalogue; rename it instead', {
        code: 'DUPLICATE',
        errorCode: 'CATALOGUE.DUPLICATE',
        hsCode: '851810',
      }),
    );
    expect(await rowsOf(harness.db, 'product_category', '851810')).toEqual(before);
  });

  it.each([
    [{ hsCode: '85181', descriptionEn: 'x' }, 'hsCode', 'must be 2, 4, 6 or 10 digits, got 5'],
    [{ hsCode: '0000001234', descriptionEn: 'x' }, 'code', '0000001234 needs its parent 000000 in the catalogue first'],
    [
      { hsCode: '0000005678', section: 'xvi', descriptionEn: 'x' },
      'section',
      'must be an HS section from I to XXI in upper-case Roman numerals, got "xvi"',
    ],
  ])('answers invalid input %j with VALIDATION naming the field', async (input, field, reason) => {
    const extensions = { code: 'VALIDATION', errorCode: 'VALIDATION.INVALID_FIELD', field, reason };

    expect(await create(input)).toEqual(anErrorResponse('createProductCategory', `${field} ${reason}`, extensions));
    expect(await rowsOf(harness.db, 'product_category', input.hsCode)).toEqual({ rows: 0, events: 0 });
  });

  it('answers a rename of a code not in the catalogue with NOT_FOUND', async () => {
    expect(await rename({ hsCode: '0000001234', expectedVersion: 1, descriptionEn: 'x' })).toEqual(
      anErrorResponse('renameProductCategory', 'No product category 0000001234 is in the catalogue', {
        code: 'NOT_FOUND',
        errorCode: 'CATALOGUE.NOT_FOUND',
        hsCode: '0000001234',
      }),
    );
  });

  it('answers a stale expected version with VERSION_CONFLICT naming both versions, and writes nothing', async () => {
    const input = aNewCategory();
    await create(input);
    await rename({ hsCode: input.hsCode, expectedVersion: 1, descriptionEn: 'Studio microphones' });

    const stale = await rename({ hsCode: input.hsCode, expectedVersion: 1, descriptionEn: 'Stage microphones' });

    expect(stale).toEqual(
      anErrorResponse(
        'renameProductCategory',
        `Product category ${input.hsCode} is at version 2, not 1: someone changed it since you read it; reload and retry`,
        {
          code: 'VERSION_CONFLICT',
          errorCode: 'CATALOGUE.VERSION_CONFLICT',
          hsCode: input.hsCode,
          expectedVersion: 1,
          actualVersion: 2,
        },
      ),
    );
    expect(await rowsOf(harness.db, 'product_category', input.hsCode)).toEqual({ rows: 1, events: 2 });
  });

  it('answers a mutation without an operator credential with UNAUTHORIZED and writes nothing', async () => {
    const input = aNewCategory();

    expect(await create(input, { 'x-api-key': 'not-a-key' })).toEqual(
      anErrorResponse(
        'createProductCategory',
        'this operation requires the operator role: send an x-api-key header or a bearer token that grants it',
        { code: 'UNAUTHORIZED', errorCode: 'AUTH.UNAUTHORIZED', requiredRole: 'operator' },
      ),
    );
    expect(await rowsOf(harness.db, 'product_category', input.hsCode)).toEqual({ rows: 0, events: 0 });
  });
});
