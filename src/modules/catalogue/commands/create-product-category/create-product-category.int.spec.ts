import { CommandBus } from '@nestjs/cqrs';
import { ValidationError } from '../../../../kernel/domain-error';
import { DuplicateProductCategoryError, ProductCategoryVersionConflictError } from '../../catalogue.errors';
import { RenameProductCategoryCommand } from '../rename-product-category/rename-product-category.command';
import { CreateProductCategoryCommand } from './create-product-category.command';
import { startTestApp, stopTestApp } from '../../../../../test/support/test-app';
import { aCategoryCode, deleteCategories, rowsOf } from '../../../../../test/support/reference-builders';

describe('createProductCategory and renameProductCategory (real PostgreSQL)', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  let commands: CommandBus;
  const created: string[] = [];
  const metadata = { correlationId: 'corr-catalogue-int', causationId: 'cmd-1', actor: 'alice' };
  const create = (hsCode: string, overrides: object = {}) =>
    commands.execute(new CreateProductCategoryCommand({ hsCode, descriptionEn: 'Microphones, other', ...overrides }, metadata));

  beforeAll(async () => {
    harness = await startTestApp();
    commands = harness.app.get(CommandBus);
  });

  afterAll(async () => {
    await deleteCategories(harness.db, created);
    await stopTestApp(harness);
  });

  it('creates an HSK line under a seeded subheading, in its section, with its event', async () => {
    const code = aCategoryCode();
    created.push(code);

    const receipt = await create(code, { descriptionKo: '기타 마이크로폰' });

    const { rows } = await harness.db.query(
      `select c.level, c.parent_code, c.section, c.version, e.type, e.data, e.metadata, e.position::text
       from product_category c join event_log e on e.stream_id = 'product:' || c.key where c.key = $1`,
      [code],
    );
    expect(rows).toEqual([
      {
        level: 10,
        parent_code: '851810',
        section: 'XVI',
        version: 1,
        type: 'ProductCategoryCreated',
        data: {
          code,
          level: 10,
          parentCode: '851810',
          section: 'XVI',
          descriptionEn: 'Microphones, other',
          descriptionKo: '기타 마이크로폰',
        },
        metadata,
        position: receipt.position,
      },
    ]);
    expect(receipt).toEqual({ id: code, version: 1, position: expect.stringMatching(/^\d+$/) });
  });

  it.each([
    ['a parent that is not in the catalogue', '0000001234', {}, ValidationError],
    ['a section that is not I-XXI', aCategoryCode(), { section: 'XXII' }, ValidationError],
    ['a blank description', aCategoryCode(), { descriptionEn: ' ' }, ValidationError],
    ['a code already in the catalogue', '851810', {}, DuplicateProductCategoryError],
  ])('given %s, rejects the creation and writes nothing new', async (_, code, override, errorType) => {
    const before = await rowsOf(harness.db, 'product_category', code);

    await expect(create(code, override)).rejects.toBeInstanceOf(errorType);

    expect(await rowsOf(harness.db, 'product_category', code)).toEqual(before);
  });

  it('renames against the version read, and refuses a stale version without writing', async () => {
    const code = aCategoryCode();
    created.push(code);
    await create(code);
    const rename = (expectedVersion: number, descriptionEn: string) =>
      commands.execute(new RenameProductCategoryCommand({ hsCode: code, expectedVersion, descriptionEn }, metadata));

    const renamed = await rename(1, 'Microphones for studios');
    await expect(rename(1, 'Microphones for stages')).rejects.toBeInstanceOf(ProductCategoryVersionConflictError);

    expect(renamed).toEqual({ id: code, version: 2, position: expect.any(String) });
    expect(await rowsOf(harness.db, 'product_category', code)).toEqual({ rows: 1, events: 2 });
    const { rows } = await harness.db.query('select description_en, version from product_category where key = $1', [code]);
    expect(rows).toEqual([{ description_en: 'Microphones for studios', version: 2 }]);
  });
});
