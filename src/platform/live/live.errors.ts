import { DomainError } from '../../kernel/domain-error';

/** A connection asked for more subscriptions than SUBSCRIPTIONS_MAX_PER_CONNECTION allows. */
export class TooManySubscriptionsError extends DomainError {
  readonly code = 'LIVE.TOO_MANY_SUBSCRIPTIONS';
  readonly category = 'VALIDATION';

  constructor(limit: number) {
    super(`a connection may hold at most ${limit} subscriptions; complete one or open another connection`, { limit });
  }
}
