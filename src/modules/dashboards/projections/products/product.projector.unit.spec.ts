import { productEvents } from '../../../../../test/support/read-model-events';
import { evolveProductDocument, type NomenclatureEntry, type ProductDocument } from './product.projector';
import { koreanGrams, koreanQueryGrams } from './korean-bigrams';

const nomenclature = (code: string): NomenclatureEntry =>
  code.startsWith('85') ? { descriptionEn: `HS ${code}`, sectionCode: 'XVI', sectionNameEn: 'Machinery' } : { descriptionEn: null, sectionCode: null, sectionNameEn: null };

function apply(current: ProductDocument | null, ...events: ReturnType<typeof productEvents.renamed>[]): ProductDocument | null {
  return events.reduce<ProductDocument | null>((document, event) => evolveProductDocument(document, event, nomenclature) ?? document, current);
}

describe('evolveProductDocument', () => {
  it('given a created category, when projected, then it has both descriptions, Korean bigrams and the section name', () => {
    expect(apply(null, productEvents.created('85', 'Electrical machinery', '전기기기', 'XVI'))).toEqual({
      code: '85',
      level: 2,
      parentCode: null,
      sectionCode: 'XVI',
      sectionNameEn: 'Machinery',
      descriptionEn: 'Electrical machinery',
      descriptionKo: '전기기기',
      descriptionKoBigrams: '전 기 전기 기기',
      streamVersion: 1,
      updatedAt: '2026-09-01T00:00:00.000Z',
    });
  });

  it('given a rename, when projected, then the descriptions and bigrams change and the rest stays', () => {
    const created = apply(null, productEvents.created('8518', 'Microphones', null, 'XVI'));

    const renamed = apply(created, productEvents.renamed('8518', 2, 'Microphones and loudspeakers', '마이크로폰'));

    expect(renamed).toEqual({
      ...created,
      descriptionEn: 'Microphones and loudspeakers',
      descriptionKo: '마이크로폰',
      descriptionKoBigrams: '마 이 크 로 폰 마이 이크 크로 로폰',
      streamVersion: 2,
    });
  });

  it('given an older or repeated event, when projected, then nothing changes', () => {
    const current = apply(null, productEvents.created('85', 'A', null), productEvents.renamed('85', 2, 'B', null));

    expect(evolveProductDocument(current, productEvents.renamed('85', 2, 'B', null), nomenclature)).toBeNull();
    expect(evolveProductDocument(current, productEvents.created('85', 'A', null), nomenclature)).toBeNull();
  });

  it('given a rename of a code the read model never saw created, when projected, then it starts from the nomenclature', () => {
    expect(apply(null, productEvents.renamed('851830', 3, 'Headphones', '헤드폰'))).toMatchObject({
      code: '851830',
      level: 6,
      parentCode: '8518',
      sectionCode: 'XVI',
      descriptionKo: '헤드폰',
      streamVersion: 3,
    });
  });
});

describe('Korean grams', () => {
  it('given Korean text, when indexed, then every syllable and syllable pair within a word is a gram', () => {
    expect(koreanGrams('전기 기기, TV')).toBe('전 기 전기 기기');
    expect(koreanGrams('Headphones')).toBeNull();
    expect(koreanGrams(null)).toBeNull();
  });

  it('given a query, when searched, then its bigrams (or a lone syllable) must all match', () => {
    expect(koreanQueryGrams('기기')).toEqual(['기기']);
    expect(koreanQueryGrams('전기기기')).toEqual(['전기', '기기']);
    expect(koreanQueryGrams('폰')).toEqual(['폰']);
    expect(koreanQueryGrams('phone')).toEqual([]);
  });
});
