import { decodeCatalogueMessage } from './catalogue.decoder';

describe('decodeCatalogueMessage', () => {
  it('given a rename with an HS code, when decoded, then it is the typed message', () => {
    const data = { code: '8518', descriptionEn: 'Microphones', descriptionKo: null };
    expect(decodeCatalogueMessage('ProductCategoryRenamed', 1, data)).toEqual({
      ok: true,
      message: { type: 'ProductCategoryRenamed', schemaVersion: 1, data },
    });
  });

  it.each([
    ['a code of an illegal length', 'ProductCategoryCreated', 1, { code: '851' }, 'no valid HS code'],
    ['an unread schema version', 'ProductCategoryRenamed', 2, { code: '85' }, 'schema version 2 is not read'],
    ['another context’s type', 'CountryActivated', 1, { code: 'KR' }, 'not a catalogue message'],
  ])('given %s, when decoded, then it is refused with the reason', (_, type, version, data, problem) => {
    expect(decodeCatalogueMessage(type, version, data)).toEqual({ ok: false, problem });
  });
});
