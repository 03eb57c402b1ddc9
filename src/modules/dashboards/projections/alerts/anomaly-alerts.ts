import type { Client } from '@elastic/elasticsearch';
import type { MsearchRequestItem } from '@elastic/elasticsearch/lib/api/types';
import { setTimeout as sleep } from 'node:timers/promises';
import { Period } from '../../../../kernel/period';
import { detectAnomaly, trailingMeanUsd, type AnomalySettings } from '../../domain/anomaly-rule';
import { CENTS, fromUnits } from '../../domain/exact-units';
import { parseScope, type TouchedScopes } from '../../domain/summary-scopes';
import { bulkWrite, casCondition, opKey, refresh, type VersionedDocument, type WriteOp } from '../../elasticsearch/es-bulk';
import type { IndexSet } from '../../elasticsearch/read-model-indexes';
import { alertId, noticeOf, type AlertDocument, type AlertNotice } from './alert-document';
import { readPairMonths, type PairFigures } from './pair-month-figures';

const MAX_ATTEMPTS = 25;
const LOOK_BACK = 12;

/** The rule's settings from the validated environment. */
export function anomalySettingsOf(config: { ALERT_ANOMALY_YOY_FACTOR: string; ALERT_ANOMALY_MEAN_FACTOR: string; ALERT_ANOMALY_MIN_USD: string }): AnomalySettings {
  return { yoyFactor: config.ALERT_ANOMALY_YOY_FACTOR, meanFactor: config.ALERT_ANOMALY_MEAN_FACTOR, minUsd: config.ALERT_ANOMALY_MIN_USD };
}

/**
 * Told after each evaluation: the notices of what it wrote, and `standing`: every anomaly alert of
 * the evaluated pairs whose state it knows (written, or left as it was), open or closed. Alerts it
 * lost to another writer are in neither; their next evaluation says. A report that throws fails
 * the recomputation, whose marks then stay queued.
 */
export type AnomalyReport = (indexes: IndexSet, notices: readonly AlertNotice[], standing: ReadonlyMap<string, AlertDocument['status']>) => Promise<void>;

/** The months to evaluate, each with the partners and chapters whose figures may have moved there. */
type Targets = Map<string, { countries: Set<string>; chapters: Set<string> }>;

/**
 * Anomaly alerts, evaluated whenever summaries are recomputed. A change to month p moves the
 * figure of p and the baselines of the twelve months after it, so all of p..p+12 (up to the
 * current month) are evaluated again, for the partners and chapters p touched: that is what keeps
 * the live alerts equal to a rebuild's, whatever order months are revised in.
 *
 * Compare-and-set as for the summaries (summary-recompute.ts): read the alerts with their seq_nos
 * first (after a refresh), then the facts, then write with if_seq_no (or create); a 409 means
 * another recomputation wrote meanwhile: evaluate that month again. So the last write saw every fact.
 */
export class AnomalyAlerts {
  constructor(
    private readonly client: Client,
    private readonly settings: AnomalySettings,
    private readonly clock: () => Date,
    /** Hears what changed and where each evaluated alert stands; the wiring passes on only the live indexes'. */
    private readonly report: AnomalyReport = async () => undefined,
  ) {}

  /** `position`: the newest event the recomputed summaries reflect, carried by the notices. */
  async evaluate(indexes: IndexSet, touched: TouchedScopes, position: string | null = null): Promise<void> {
    let pending = this.targets(touched);
    for (let attempt = 1; pending.size > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS) throw new Error(`anomaly alerts still contended after ${MAX_ATTEMPTS} attempts; the batch will be retried`);
      if (attempt > 1) await sleep(Math.random() * 20 * attempt);
      const { lost, notices, standing } = await this.evaluateOnce(indexes, pending, position);
      if (notices.length > 0 || standing.size > 0) await this.report(indexes, notices, standing);
      pending = new Map([...pending].filter(([period]) => lost.has(period)));
    }
  }

  private targets(touched: TouchedScopes): Targets {
    const last = Period.containing(this.clock()).plusMonths(1);
    const targets: Targets = new Map();
    for (const [period, scopes] of touched.periods()) {
      const parsed = scopes.map(parseScope);
      const countries = parsed.flatMap((scope) => (scope.kind === 'country' ? [scope.countryCode] : []));
      const chapters = parsed.flatMap((scope) => (scope.kind === 'product' && scope.hsCode.length === 2 ? [scope.hsCode] : []));
      if (countries.length === 0 || chapters.length === 0) continue;
      for (let ahead = 0; ahead <= LOOK_BACK; ahead++) {
        const target = Period.parse(period).plusMonths(ahead);
        if (target.compare(last) > 0) break;
        const entry = targets.get(target.toString()) ?? { countries: new Set<string>(), chapters: new Set<string>() };
        countries.forEach((code) => entry.countries.add(code));
        chapters.forEach((code) => entry.chapters.add(code));
        targets.set(target.toString(), entry);
      }
    }
    return targets;
  }

  private async evaluateOnce(
    indexes: IndexSet,
    targets: Targets,
    position: string | null,
  ): Promise<{ lost: Set<string>; notices: AlertNotice[]; standing: Map<string, AlertDocument['status']> }> {
    await refresh(this.client, [indexes.alerts]);
    const stored = await this.storedAlerts(indexes.alerts, targets);
    const figures = await readPairMonths(this.client, indexes.facts, monthsNeeded(targets), unionOf(targets));
    const now = this.clock().toISOString();
    const ops: (WriteOp & { before: AlertDocument | null; after: AlertDocument; period: string })[] = [];
    const standing = new Map<string, AlertDocument['status']>();
    for (const [period, { countries, chapters }] of targets) {
      const wanted = this.anomaliesOf(period, figures, countries, chapters, now);
      const held = stored.get(period) ?? new Map<string, VersionedDocument<AlertDocument>>();
      for (const [id, current] of held) standing.set(id, current.source.status);
      for (const [id, fresh] of wanted) {
        const current = held.get(id);
        const after = current?.source.status === 'open' ? { ...fresh, openedAt: current.source.openedAt } : fresh;
        if (current && sameAlert(current.source, after)) continue;
        ops.push({ index: indexes.alerts, id, document: after, ...casCondition(current), before: current?.source ?? null, after, period });
      }
      for (const [id, current] of held) {
        if (wanted.has(id) || current.source.status !== 'open') continue;
        const after: AlertDocument = { ...current.source, status: 'closed', updatedAt: now, closedAt: now };
        ops.push({ index: indexes.alerts, id, document: after, ...casCondition(current), before: current.source, after, period });
      }
    }
    const { conflicts } = await bulkWrite(this.client, ops);
    await refresh(this.client, [indexes.alerts]);
    const refused = new Set(conflicts);
    const lost = new Set(ops.filter((op) => refused.has(opKey(op.index, op.id))).map((op) => op.period));
    const notices = ops.flatMap((op) => {
      if (refused.has(opKey(op.index, op.id))) {
        standing.delete(op.id);
        return [];
      }
      standing.set(op.id, op.after.status);
      const notice = noticeOf(op.id, op.before, op.after, position);
      return notice ? [notice] : [];
    });
    return { lost, notices, standing };
  }

  /** The anomalies that hold in `period` among the pairs that have a fact there, by alert id. */
  private anomaliesOf(period: string, figures: PairFigures, countries: Set<string>, chapters: Set<string>, now: string): Map<string, AlertDocument> {
    const found = new Map<string, AlertDocument>();
    const month = Period.parse(period);
    const history = Array.from({ length: LOOK_BACK }, (_, i) => month.plusMonthsOrNull(i - LOOK_BACK)?.toString() ?? null);
    for (const [pair, valueCents] of figures.get(period) ?? []) {
      const [countryCode, chapterCode] = pair.split('-');
      if (!countries.has(countryCode) || !chapters.has(chapterCode)) continue;
      const trailing = history.map((earlier) => (earlier === null ? null : (figures.get(earlier)?.get(pair) ?? null)));
      const anomaly = detectAnomaly({ valueCents, trailing }, this.settings);
      if (!anomaly) continue;
      const kind = anomaly.direction === 'rise' ? 'anomaly-rise' : 'anomaly-drop';
      const id = alertId(kind, period, pair);
      found.set(id, {
        kind,
        type: 'ExportAnomaly',
        status: 'open',
        scope: pair,
        countryCode,
        hsCode: chapterCode,
        chapterCode,
        period,
        year: month.year,
        month: month.month,
        valueUsd: fromUnits(valueCents, CENTS),
        valueUsdCents: valueCents,
        thresholdUsd: null,
        yearAgoUsd: fromUnits(anomaly.yearAgoCents, CENTS),
        trailingMeanUsd: trailingMeanUsd(anomaly.trailingSumCents),
        streamVersion: null,
        openedAt: now,
        updatedAt: now,
        closedAt: null,
      });
    }
    return found;
  }

  /** The anomaly alerts, open or closed, of the target months' partners and chapters, with their seq_nos. */
  private async storedAlerts(index: string, targets: Targets): Promise<Map<string, Map<string, VersionedDocument<AlertDocument>>>> {
    const entries = [...targets];
    if (entries.length === 0) return new Map();
    const response = await this.client.msearch<AlertDocument>({
      index,
      searches: entries.flatMap(([period, { countries, chapters }]): MsearchRequestItem[] => [
        {},
        {
          size: 10_000,
          seq_no_primary_term: true,
          query: {
            bool: {
              filter: [
                { term: { type: 'ExportAnomaly' } },
                { term: { period } },
                { terms: { countryCode: [...countries] } },
                { terms: { chapterCode: [...chapters] } },
              ],
            },
          },
        },
      ]),
    });
    const stored = new Map<string, Map<string, VersionedDocument<AlertDocument>>>();
    response.responses.forEach((answer, i) => {
      if ('error' in answer) throw new Error(`reading the alerts of ${entries[i][0]} failed: ${answer.error.reason}`);
      const byId = new Map<string, VersionedDocument<AlertDocument>>();
      for (const hit of answer.hits.hits) {
        byId.set(hit._id!, { id: hit._id!, source: hit._source!, seqNo: hit._seq_no!, primaryTerm: hit._primary_term!, version: hit._version ?? 0 });
      }
      stored.set(entries[i][0], byId);
    });
    return stored;
  }
}

/** Every month a target or its trailing year covers. */
function monthsNeeded(targets: Targets): string[] {
  const months = new Set<string>();
  for (const period of targets.keys()) {
    const month = Period.parse(period);
    for (let back = 0; back <= LOOK_BACK; back++) {
      const earlier = month.plusMonthsOrNull(-back);
      if (earlier) months.add(earlier.toString());
    }
  }
  return [...months].sort();
}

function unionOf(targets: Targets): { countries: string[]; chapters: string[] } {
  const countries = new Set<string>();
  const chapters = new Set<string>();
  for (const entry of targets.values()) {
    entry.countries.forEach((code) => countries.add(code));
    entry.chapters.forEach((code) => chapters.add(code));
  }
  return { countries: [...countries].sort(), chapters: [...chapters].sort() };
}

/** Equal but for the times: an anomaly that still holds with the same figures is not rewritten. */
function sameAlert(a: AlertDocument, b: AlertDocument): boolean {
  const { openedAt: _a1, updatedAt: _a2, closedAt: _a3, ...left } = a;
  const { openedAt: _b1, updatedAt: _b2, closedAt: _b3, ...right } = b;
  return JSON.stringify(left) === JSON.stringify(right);
}
