import { Client } from '@elastic/elasticsearch';
import { QUERY_CLIENT } from '../../../../platform/elasticsearch/elasticsearch.module';
import type { QueryDslQueryContainer } from '@elastic/elasticsearch/lib/api/types';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ValidationError } from '../../../../kernel/domain-error';
import type { IndexSet } from '../../elasticsearch/read-model-indexes';
import { ReadModelFreshness } from '../../freshness/read-model-freshness';
import { READ_MODEL_ALIASES } from '../../read-model.tokens';
import { koreanQueryGrams } from '../../projections/products/korean-bigrams';
import type { ProductDocument } from '../../projections/products/product.projector';
import { checkPageSize } from '../shared/read-model-reads';
import { SearchProductsQuery, type ProductSearchView } from './search-products.query';

const prefixMatch = (field: string, text: string): QueryDslQueryContainer => ({
  multi_match: { query: text, type: 'bool_prefix', fields: [field, `${field}._2gram`, `${field}._3gram`] },
});

/**
 * English and Korean words match as you type (search_as_you_type, standard analyzer: each word
 * may be a prefix). Korean text inside a word ("기기" in "전기기기") matches through syllable
 * bigrams the projector indexes, since this node has no nori or ngram analysis. Digits match
 * codes by prefix.
 */
@QueryHandler(SearchProductsQuery)
export class SearchProductsHandler implements IQueryHandler<SearchProductsQuery> {
  constructor(
    @Inject(QUERY_CLIENT) private readonly es: Client,
    @Inject(READ_MODEL_ALIASES) private readonly indexes: IndexSet,
    private readonly freshness: ReadModelFreshness,
  ) {}

  async execute(query: SearchProductsQuery): Promise<ProductSearchView> {
    const text = query.text.normalize('NFC').trim();
    if (text.length < 1 || text.length > 100) throw new ValidationError('text', 'must be 1 to 100 characters');
    const first = checkPageSize(query.first, 20, 100);
    const fresh = await this.freshness.waitFor(query.consistency);
    const should: QueryDslQueryContainer[] = [prefixMatch('descriptionEn', text), prefixMatch('descriptionKo', text)];
    const grams = koreanQueryGrams(text);
    if (grams.length > 0) should.push({ match: { descriptionKoBigrams: { query: grams.join(' '), operator: 'and' } } });
    if (/^\d{1,10}$/.test(text)) should.push({ prefix: { code: { value: text, boost: 5 } } });
    const response = await this.es.search<ProductDocument>({
      index: this.indexes.products,
      size: first,
      track_total_hits: true,
      query: { bool: { should, minimum_should_match: 1 } },
      sort: [{ _score: { order: 'desc' } }, { level: 'asc' }, { code: 'asc' }],
      _source: ['code', 'level', 'descriptionEn', 'descriptionKo', 'sectionCode'],
    });
    const total = response.hits.total;
    return {
      totalCount: typeof total === 'number' ? total : (total?.value ?? 0),
      hits: response.hits.hits.map(({ _source }) => ({
        hsCode: _source!.code,
        level: _source!.level,
        nameEn: _source!.descriptionEn,
        nameKo: _source!.descriptionKo,
        sectionCode: _source!.sectionCode,
      })),
      fresh,
    };
  }
}
