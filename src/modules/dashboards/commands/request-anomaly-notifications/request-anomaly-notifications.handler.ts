import { Client } from '@elastic/elasticsearch';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { anomalyNotification, decideAnomalyNotice, NEVER_NOTICED } from '../../domain/anomaly-notice';
import { multiGet } from '../../elasticsearch/es-bulk';
import type { IndexSet } from '../../elasticsearch/read-model-indexes';
import type { AlertDocument } from '../../projections/alerts/alert-document';
import { READ_MODEL_ALIASES } from '../../read-model.tokens';
import { AnomalyNoticeLedger } from './anomaly-notice-ledger';
import { RequestAnomalyNotificationsCommand } from './request-anomaly-notifications.command';

/**
 * Turns the live anomaly alerts' openings into NotificationRequested events, once per opening
 * (ADR 0008). What an evaluation saw only says where to look: an alert whose ledger entry already
 * agrees costs one read of the ledger. For the others, the entries are locked and the alerts read
 * again as they now are (realtime), so whichever instance decides last decides on the latest write,
 * and instances that saw the same opening ask for it once. An evaluation that wrote an alert and
 * died before this ran leaves the entry behind the document: the next evaluation of that month,
 * which its marks (still queued) make happen, finds it and asks then.
 */
@CommandHandler(RequestAnomalyNotificationsCommand)
export class RequestAnomalyNotificationsHandler implements ICommandHandler<RequestAnomalyNotificationsCommand> {
  constructor(
    private readonly ledger: AnomalyNoticeLedger,
    private readonly client: Client,
    @Inject(READ_MODEL_ALIASES) private readonly aliases: IndexSet,
  ) {}

  async execute({ standing }: RequestAnomalyNotificationsCommand): Promise<{ requested: number }> {
    if (standing.size === 0) return { requested: 0 };
    const known = await this.ledger.entries([...standing.keys()]);
    const behind = [...standing].filter(([id, status]) => (status === 'open') !== (known.get(id) ?? NEVER_NOTICED).open).map(([id]) => id);
    if (behind.length === 0) return { requested: 0 };
    const requested = await this.ledger.change(behind, async (locked) => {
      const current = await multiGet<AlertDocument>(this.client, this.aliases.alerts, behind);
      return behind.map((id) => {
        const alert = current.get(id)?.source ?? null;
        const { entry, notify } = decideAnomalyNotice(locked.get(id) ?? NEVER_NOTICED, alert?.status ?? null);
        return { id, entry, request: notify && alert ? anomalyNotification(id, alert, entry.opening) : null };
      });
    });
    return { requested };
  }
}
