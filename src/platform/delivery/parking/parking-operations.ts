import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import type { SqlPool as Pool } from '../../database/pg-pool';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { ValidationError } from '../../../kernel/domain-error';
import { requiredText } from '../../../kernel/required-text';
import { PG_POOL } from '../../database/pg-pool';
import { BatchApplier } from '../batch-applier';
import { ormContextRunner, retryPolicy } from '../consumers.host';
import { HandlerRegistry } from '../handler-registry';
import { Stopper } from '../../concurrency/stopper';
import { ParkedKeyReplayer, type ReplayResult } from './parked-key-replayer';
import { ParkingQueries, type ParkedKeyView, type ParkedMessageView } from './parking.queries';

/** As long as the other reasons operators give (retractions, deactivations). */
const MAX_DISCARD_REASON_LENGTH = 500;

/** What operators can do with parked keys (GraphQL and CLI), for this instance's broker prefix. */
@Injectable()
export class ParkingOperations {
  private readonly queries: ParkingQueries;
  private replayer: ParkedKeyReplayer | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly orm: MikroORM,
    private readonly registry: HandlerRegistry,
  ) {
    this.queries = new ParkingQueries(pool, config.BROKER_PREFIX);
  }

  keys(limit: number): Promise<ParkedKeyView[]> {
    return this.queries.keys(bounded(limit));
  }

  async key(key: string): Promise<ParkedKeyView | null> {
    return (await this.queries.keys(1, key))[0] ?? null;
  }

  messages(key: string, limit: number): Promise<ParkedMessageView[]> {
    return this.queries.messages(key, bounded(limit));
  }

  replay(key: string, actor: string): Promise<ReplayResult> {
    return this.replayerInstance().replay(key, actor);
  }

  discard(key: string, reason: string, actor: string): Promise<{ key: string; discarded: number }> {
    return this.replayerInstance().discard(key, requiredText(reason, 'reason', MAX_DISCARD_REASON_LENGTH), actor);
  }

  /** Built on first use: by then every module's handlers exist, whatever the instantiation order. */
  private replayerInstance(): ParkedKeyReplayer {
    if (!this.replayer) {
      // A replay runs to its end on an operator's request; nothing stops it half-way.
      const applier = new BatchApplier(this.registry.handlers(), retryPolicy(this.config), ormContextRunner(this.orm), new Stopper());
      this.replayer = new ParkedKeyReplayer(this.pool, this.config.BROKER_PREFIX, applier);
    }
    return this.replayer;
  }
}

function bounded(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ValidationError('limit', 'must be an integer from 1 to 1000');
  return limit;
}
