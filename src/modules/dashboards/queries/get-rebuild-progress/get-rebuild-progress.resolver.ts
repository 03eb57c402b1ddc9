import { QueryBus } from '@nestjs/cqrs';
import { Query, Resolver } from '@nestjs/graphql';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import { GetRebuildProgressQuery } from './get-rebuild-progress.query';

@Resolver()
export class GetRebuildProgressResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query('rebuildProgress')
  @RequireRole('reader')
  progress() {
    return this.queries.execute(new GetRebuildProgressQuery());
  }
}
