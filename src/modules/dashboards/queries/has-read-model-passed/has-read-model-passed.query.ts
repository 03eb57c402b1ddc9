import { Query } from '@nestjs/cqrs';

/**
 * Whether every projection has applied the event at `position` and everything before it in relay
 * order (its documents and the summaries it touches are searchable). Asks for watermarks and
 * waits at most `timeoutMs` for them; false when they had not arrived by then.
 */
export class HasReadModelPassedQuery extends Query<boolean> {
  constructor(
    readonly position: string,
    readonly timeoutMs: number,
  ) {
    super();
  }
}
