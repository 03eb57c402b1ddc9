import { errors } from '@elastic/elasticsearch';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DeliveryHandler, TransientDeliveryError, type DeliveredEvent, type MessageHandler } from '../../platform/delivery/message-handler';
import { isSupportedReadModelType } from './projections/read-model-event-types';
import { generationSet, type IndexSet } from './elasticsearch/read-model-indexes';
import { DirtySummaries } from './summaries/dirty-summaries';
import { ProjectionCheckpoints } from './freshness/projection-checkpoints';
import { READ_MODEL_ALIASES } from './read-model.tokens';
import { PROJECTION_WATERMARK, watermarkCursor } from '../../platform/messaging/wire/projection-watermark';
import { DUAL_WRITE, type DualWrite } from './dual-write';
import { fromEnvelope, type ProjectableEvent } from './projections/projectable-event';
import { ReadModelProjection } from './read-model.projection';
import { SummaryFlusher } from './summaries/summary-flusher';
import { ShardsUnavailableError } from './elasticsearch/es-bulk';
import { ALERT_NOTICES, type AlertNotices } from './projections/alerts/alert-notices';

/**
 * The read model's consumer of the shard queues and of the reference queue. Applies each batch's
 * facts and reference data to the live indexes (and, while a rebuild replays, to the generation
 * it fills) and queues the summaries they touch; at a watermark it flushes the queue and records
 * the watermark as this queue's checkpoint: everything before it is now searchable.
 * Elasticsearch being away is transient (retried without parking).
 */
@Injectable()
@DeliveryHandler()
export class ReadModelMessageHandler implements MessageHandler {
  readonly name = 'read-model';

  constructor(
    private readonly projection: ReadModelProjection,
    private readonly dirty: DirtySummaries,
    private readonly flusher: SummaryFlusher,
    private readonly checkpoints: ProjectionCheckpoints,
    @Inject(DUAL_WRITE) private readonly rebuilds: DualWrite,
    @Inject(READ_MODEL_ALIASES) private readonly aliases: IndexSet,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ALERT_NOTICES) private readonly alerts: AlertNotices,
  ) {}

  handles(type: string): boolean {
    return type === PROJECTION_WATERMARK || isSupportedReadModelType(type);
  }

  async handleBatch(messages: readonly DeliveredEvent[]): Promise<void> {
    const events = messages.filter((message) => message.type !== PROJECTION_WATERMARK).map(fromEnvelope);
    const watermarks = messages.filter((message) => message.type === PROJECTION_WATERMARK);
    try {
      if (events.length > 0) await this.apply(events);
      // Everything before the watermark is applied; once the summaries queued so far are
      // recomputed (and the facts refreshed), it is all searchable: record how far this queue is.
      const newest = watermarks[watermarks.length - 1];
      if (newest) {
        const cursor = watermarkCursor(newest.data);
        if (!cursor) throw new MalformedEventError([`${PROJECTION_WATERMARK} at position ${newest.position}: no valid cursor`]);
        await this.flusher.flush();
        await this.checkpoints.advance(newest.queue, cursor);
      }
    } catch (error) {
      if (isTransient(error)) throw new TransientDeliveryError(`Elasticsearch: ${String(error)}`, { cause: error });
      throw error;
    }
  }

  /** Facts now; their summaries queued (in PostgreSQL, before the batch is acknowledged). */
  private async apply(events: ProjectableEvent[]): Promise<void> {
    const { malformed, touched, alerts } = await this.projection.applyBatch(events, this.aliases, { summaries: 'queued' });
    // A queue delivers in the log's reading order: its batch's last event is its newest.
    const through = events[events.length - 1]?.position ?? null;
    await this.dirty.mark('live', touched, through);
    // The live indexes' threshold alerts only; the generation a rebuild fills stays silent.
    if (alerts.length > 0) await this.alerts.publish(alerts);
    const rebuilding = await this.rebuilds.dualWrite();
    const alsoThere = rebuilding?.referenceData ? events : events.filter((event) => event.streamId.startsWith('statistic:'));
    if (rebuilding && alsoThere.length > 0) {
      const outcome = await this.projection.applyBatch(alsoThere, generationSet(this.config.ES_INDEX_PREFIX, rebuilding.generation), { summaries: 'queued' });
      await this.dirty.mark(`v${rebuilding.generation}`, outcome.touched);
    }
    // The rest of the batch is applied; failing now makes the consumer retry message by
    // message, which applies the good ones again (harmless) and parks the malformed one.
    if (malformed.length > 0) throw new MalformedEventError(malformed.map((entry) => entry.problem));
  }
}

class MalformedEventError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`malformed events: ${problems.slice(0, 3).join('; ')}`);
    this.name = 'MalformedEventError';
  }
}

function isTransient(error: unknown): boolean {
  if (error instanceof ShardsUnavailableError) return true;
  if (error instanceof errors.ConnectionError || error instanceof errors.TimeoutError || error instanceof errors.NoLivingConnectionsError) {
    return true;
  }
  if (error instanceof errors.ResponseError) return [429, 502, 503, 504].includes(error.statusCode ?? 0);
  return error instanceof Error && /still contended/.test(error.message);
}

