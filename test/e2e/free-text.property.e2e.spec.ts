import fc from 'fast-check';
import { aCategoryCode, aCountryInput, deleteCategories, deleteCountries } from '../support/reference-builders';
import { aStatisticInput, deleteStatistics, keyOf } from '../support/statistic-builders';
import { graphql, startTestApp, stopTestApp } from '../support/test-app';

/**
 * Text no store should receive (a NUL, an unpaired UTF-16 surrogate), and free text made only of
 * invisible characters, is a VALIDATION error naming the field in every mutation that takes text,
 * and nothing is written. Drawn over the operations, their fields, the text and how it is sent
 * (variables or the document) at once. Several operations would change nothing with valid text
 * (a revise to the same figures, deactivating an inactive country, renaming to the same names,
 * activating an active one): validation must still come first.
 */

// The fixtures this file owns: user-assigned country codes no other file uses, fresh statistics and categories.
const ACTIVE_COUNTRY = 'XM';
const INACTIVE_COUNTRY = 'XN';
const NEW_COUNTRY = 'XO';
const COUNTRIES = [ACTIVE_COUNTRY, INACTIVE_COUNTRY, NEW_COUNTRY];
const active = aStatisticInput();
const retracted = aStatisticInput();
const batchItem = aStatisticInput();
const category = { hsCode: aCategoryCode(), descriptionEn: 'Test microphone', descriptionKo: '시험 마이크' };
const newCategory = aCategoryCode();
const parkedKey = `statistic:${keyOf(active)}`;

type Arg = { readonly type: string; readonly value: unknown };
interface Operation {
  readonly name: string;
  readonly args: Readonly<Record<string, Arg>>;
  readonly selection: string;
  /** Where text can go: the path in the arguments, and whether it is free text (a reason, a name) or a code. */
  readonly slots: readonly { readonly path: readonly (string | number)[]; readonly free: boolean }[];
}

const keyOfInput = ({ countryCode, hsCode, period }: typeof active) => ({ countryCode, hsCode, period });
const code = (...path: (string | number)[]) => ({ path, free: false });
const free = (...path: (string | number)[]) => ({ path, free: true });
const KEY_SLOTS = [code('input', 'countryCode'), code('input', 'hsCode'), code('input', 'period')];

const OPERATIONS: Operation[] = [
  { name: 'recordExportStatistic', selection: 'id', args: { input: { type: 'RecordExportStatisticInput!', value: aStatisticInput() } }, slots: KEY_SLOTS },
  {
    // The figures it holds: a revise that would change nothing.
    name: 'reviseExportStatistic',
    selection: 'id',
    args: { input: { type: 'ReviseExportStatisticInput!', value: { ...active, expectedVersion: 1 } } },
    slots: KEY_SLOTS,
  },
  ...[active, retracted].map((statistic) => ({
    name: 'retractExportStatistic',
    selection: 'id',
    args: { input: { type: 'RetractExportStatisticInput!', value: { ...keyOfInput(statistic), reason: 'entered twice' } } },
    slots: [free('input', 'reason'), code('input', 'countryCode')],
  })),
  {
    name: 'recordExportStatistics',
    selection: 'recorded',
    args: { items: { type: '[RecordExportStatisticInput!]!', value: [aStatisticInput(), batchItem] } },
    slots: [code('items', 1, 'countryCode'), code('items', 1, 'hsCode'), code('items', 1, 'period')],
  },
  {
    name: 'registerCountry',
    selection: 'id',
    args: { input: { type: 'RegisterCountryInput!', value: aCountryInput(NEW_COUNTRY) } },
    slots: [code('input', 'code'), free('input', 'nameEn'), free('input', 'nameKo'), code('input', 'region', 'code'), free('input', 'region', 'nameEn'), free('input', 'region', 'nameKo')],
  },
  // Already active: activating it would change nothing.
  { name: 'activateCountry', selection: 'id', args: { code: { type: 'String!', value: ACTIVE_COUNTRY } }, slots: [code('code')] },
  ...[ACTIVE_COUNTRY, INACTIVE_COUNTRY].map((country) => ({
    name: 'deactivateCountry',
    selection: 'id',
    args: { code: { type: 'String!', value: country }, reason: { type: 'String!', value: 'sanctions' } },
    slots: [free('reason'), code('code')],
  })),
  {
    name: 'createProductCategory',
    selection: 'id',
    args: { input: { type: 'CreateProductCategoryInput!', value: { hsCode: newCategory, descriptionEn: 'Test speaker', descriptionKo: '시험 스피커' } } },
    slots: [code('input', 'hsCode'), free('input', 'descriptionEn'), free('input', 'descriptionKo'), code('input', 'section')],
  },
  {
    // The names it has: a rename that would change nothing.
    name: 'renameProductCategory',
    selection: 'id',
    args: { input: { type: 'RenameProductCategoryInput!', value: { ...category, expectedVersion: 1 } } },
    slots: [code('input', 'hsCode'), free('input', 'descriptionEn'), free('input', 'descriptionKo')],
  },
  {
    name: 'discardParkedKey',
    selection: 'key',
    args: { key: { type: 'String!', value: parkedKey }, reason: { type: 'String!', value: 'type was never released' } },
    slots: [code('key'), free('reason')],
  },
  { name: 'replayParkedKey', selection: 'key', args: { key: { type: 'String!', value: parkedKey } }, slots: [code('key')] },
];

/** Characters that show nothing, listed by hand rather than taken from the code's Unicode classes. */
const INVISIBLE = [' ', '\t', '\n', '\u00A0', '\u00AD', '\u034F', '\u115F', '\u180E', '\u200B', '\u200C', '\u200D', '\u200E', '\u202E', '\u2060', '\u2063', '\u2066', '\u3000', '\u3164', '\uFE0F', '\uFEFF', '\uFFA0', '\u2800', '\u{E0020}'];

type BadText = { readonly kind: 'unstorable' | 'lone surrogate' | 'invisible'; readonly text: string };
const around = (inserted: fc.Arbitrary<string>, kind: BadText['kind']) =>
  fc
    .tuple(fc.string({ unit: 'grapheme', maxLength: 6 }), inserted, fc.string({ unit: 'grapheme', maxLength: 6 }))
    .map(([before, bad, after]): BadText => ({ kind, text: before + bad + after }));
const badText = (free: boolean): fc.Arbitrary<BadText> =>
  fc.oneof(
    around(fc.constant('\u0000'), 'unstorable'),
    around(fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)), 'lone surrogate'),
    ...(free ? [fc.array(fc.constantFrom(...INVISIBLE), { minLength: 1, maxLength: 8 }).map((chars): BadText => ({ kind: 'invisible', text: chars.join('') }))] : []),
  );

const slotCase = fc
  .constantFrom(...OPERATIONS)
  .chain((operation) => fc.tuple(fc.constant(operation), fc.constantFrom(...operation.slots)))
  .chain(([operation, slot]) => fc.record({ operation: fc.constant(operation), slot: fc.constant(slot), bad: badText(slot.free), inline: fc.boolean() }));

function withText(value: unknown, path: readonly (string | number)[], text: string): unknown {
  if (path.length === 0) return text;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head] = withText(copy[head], rest, text);
  return copy;
}

/** A JavaScript value as a GraphQL literal (JSON's string escapes are GraphQL's). */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object' && value !== null) return `{ ${Object.entries(value).map(([key, item]) => `${key}: ${literal(item)}`).join(', ')} }`;
  return JSON.stringify(value);
}

function request(operation: Operation, args: Record<string, unknown>, inline: boolean): { query: string; variables: Record<string, unknown> } {
  const names = Object.keys(operation.args);
  if (inline) {
    return { query: `mutation { ${operation.name}(${names.map((name) => `${name}: ${literal(args[name])}`).join(', ')}) { ${operation.selection} } }`, variables: {} };
  }
  const declared = names.map((name) => `$${name}: ${operation.args[name].type}`).join(', ');
  const passed = names.map((name) => `${name}: $${name}`).join(', ');
  return { query: `mutation(${declared}) { ${operation.name}(${passed}) { ${operation.selection} } }`, variables: args };
}

/** The name the error must give: the field itself, under whatever path the request put it. */
const fieldName = (path: readonly (string | number)[]) => path.filter((part) => typeof part === 'string' && part !== 'input' && part !== 'items').join('.');

describe('bad text in any field of any mutation is VALIDATION naming the field, and nothing is written', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;

  const send = async (operation: Operation, args: Record<string, unknown>, inline = false) => {
    const { query, variables } = request(operation, args, inline);
    return (await graphql(harness.app, query, variables)).body as { data?: unknown; errors?: { extensions: Record<string, unknown> }[] };
  };
  const mutate = async (query: string, variables: Record<string, unknown>) => {
    const { body } = await graphql(harness.app, query, variables);
    expect(body).not.toHaveProperty('errors');
  };
  const written = async () => {
    const { rows } = await harness.db.query<{ events: string; last: string | null }>('select count(*) as events, max(position)::text as last from event_log');
    return rows[0];
  };
  /** The versions of every aggregate this file owns: a refused command moves none. */
  const fixtureVersions = async () => {
    const { rows } = await harness.db.query(
      `select key, version from export_statistic where key = any($1::text[])
       union all select key, version from country where key = any($2::text[])
       union all select key, version from product_category where key = any($3::text[])
       order by key`,
      [[active, retracted, batchItem].map(keyOf), COUNTRIES, [category.hsCode, newCategory]],
    );
    return rows;
  };

  beforeAll(async () => {
    harness = await startTestApp();
    await deleteCountries(harness.db, COUNTRIES);
    const record = 'mutation($input: RecordExportStatisticInput!) { recordExportStatistic(input: $input) { id } }';
    await mutate(record, { input: active });
    await mutate(record, { input: retracted });
    await mutate('mutation($input: RetractExportStatisticInput!) { retractExportStatistic(input: $input) { id } }', { input: { ...keyOfInput(retracted), reason: 'test' } });
    const register = 'mutation($input: RegisterCountryInput!) { registerCountry(input: $input) { id } }';
    await mutate(register, { input: aCountryInput(ACTIVE_COUNTRY) });
    await mutate(register, { input: aCountryInput(INACTIVE_COUNTRY) });
    await mutate('mutation($code: String!) { deactivateCountry(code: $code, reason: "test") { id } }', { code: INACTIVE_COUNTRY });
    await mutate('mutation($input: CreateProductCategoryInput!) { createProductCategory(input: $input) { id } }', { input: category });
  });

  afterAll(async () => {
    await deleteStatistics(harness.db, [active, retracted, batchItem].map(keyOf));
    await deleteCountries(harness.db, COUNTRIES);
    await deleteCategories(harness.db, [category.hsCode, newCategory]);
    await stopTestApp(harness);
  });

  it('every operation, with valid text, goes past validation (so the refusals below are the text\'s)', async () => {
    // Discarding or replaying a key that is not parked is NOT_FOUND; every other operation here
    // either writes or, for the repeats, changes nothing.
    const codes = new Map<string, unknown>();
    for (const operation of OPERATIONS.filter((candidate) => !['recordExportStatistic', 'recordExportStatistics', 'registerCountry', 'createProductCategory', 'retractExportStatistic', 'deactivateCountry'].includes(candidate.name))) {
      const body = await send(operation, Object.fromEntries(Object.entries(operation.args).map(([name, arg]) => [name, arg.value])));
      codes.set(operation.name, body.errors?.[0]?.extensions.code ?? 'OK');
    }

    expect(Object.fromEntries(codes)).toEqual({
      reviseExportStatistic: 'OK',
      activateCountry: 'OK',
      renameProductCategory: 'OK',
      discardParkedKey: 'NOT_FOUND',
      replayParkedKey: 'NOT_FOUND',
    });
  });

  it('refuses a NUL, an unpaired surrogate, or invisible-only free text in any field, before anything runs', async () => {
    const versions = await fixtureVersions();
    await fc.assert(
      fc.asyncProperty(slotCase, async ({ operation, slot, bad, inline }) => {
        const [argument, ...rest] = slot.path;
        const args = Object.fromEntries(Object.entries(operation.args).map(([name, arg]) => [name, name === argument ? withText(arg.value, rest, bad.text) : arg.value]));
        const before = await written();

        const body = await send(operation, args, inline);

        const error = body.errors?.[0]?.extensions;
        if (inline && bad.kind === 'lone surrogate') {
          // The GraphQL grammar has no unpaired surrogate, escaped or not: the document does not parse.
          expect(error).toEqual(expect.objectContaining({ code: 'GRAPHQL_PARSE_FAILED' }));
        } else {
          const name = fieldName(slot.path);
          expect(error).toEqual(expect.objectContaining({ code: 'VALIDATION', field: expect.stringMatching(new RegExp(`(^|\\.)${name.replace('.', '\\.')}$`)) }));
        }
        expect(body.data ?? null).toBeNull();
        expect(await written()).toEqual(before);
      }),
      { numRuns: 200 },
    );
    expect(await fixtureVersions()).toEqual(versions);
  });
});
