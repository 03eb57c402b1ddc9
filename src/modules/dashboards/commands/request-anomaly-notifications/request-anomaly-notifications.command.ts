import { Command } from '@nestjs/cqrs';
import type { AlertDocument } from '../../projections/alerts/alert-document';

/**
 * Asks operators to be told of every anomaly alert of the live read model that opened: `standing`
 * is where each alert an evaluation just wrote or read stands. Answers how many were asked for.
 */
export class RequestAnomalyNotificationsCommand extends Command<{ requested: number }> {
  constructor(readonly standing: ReadonlyMap<string, AlertDocument['status']>) {
    super();
  }
}
