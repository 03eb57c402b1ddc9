import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ReadModelFreshness } from '../../freshness/read-model-freshness';
import { HasReadModelPassedQuery } from './has-read-model-passed.query';

/** The dashboards' own freshness check (the one behind a query's `fresh`), for other contexts. */
@QueryHandler(HasReadModelPassedQuery)
export class HasReadModelPassedHandler implements IQueryHandler<HasReadModelPassedQuery> {
  constructor(private readonly freshness: ReadModelFreshness) {}

  async execute({ position, timeoutMs }: HasReadModelPassedQuery): Promise<boolean> {
    return (await this.freshness.waitFor({ atLeastPosition: position, timeoutMs })) === true;
  }
}
