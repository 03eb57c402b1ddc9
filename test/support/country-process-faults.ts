import { setTimeout as sleep } from 'node:timers/promises';
import { FAULT_CHAPTERS, type FaultWorld } from './fault-world';
import { TEST_OPERATOR_KEY } from './test-config';
import type { WebhookReceiver } from './notification-receivers';

/** The country the fault tests deactivate, and one that stays in the dashboards beside it. */
export const DEACTIVATED = 'VN';
export const OTHER = 'JP';
export const YEAR = 2025;

export interface RecordedFact {
  readonly countryCode: string;
  readonly hsCode: string;
  readonly period: string;
  readonly valueUsd: string;
}

/** Sends a GraphQL request as the operator; returns `data`, throws on errors. */
export async function gql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': TEST_OPERATOR_KEY },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

/** A few statistics of each country (values in whole dollars, so the expected sums are exact integers). */
export async function recordFacts(url: string): Promise<RecordedFact[]> {
  const facts: RecordedFact[] = [];
  for (const [index, countryCode] of [DEACTIVATED, OTHER, DEACTIVATED, OTHER, DEACTIVATED].entries()) {
    const chapter = FAULT_CHAPTERS[index % FAULT_CHAPTERS.length];
    const fact = { countryCode, hsCode: `${chapter}0${index}100000`, period: `${YEAR}-0${index + 1}`, valueUsd: `${(index + 1) * 1000}.00` };
    await gql(url, 'mutation($input: RecordExportStatisticInput!) { recordExportStatistic(input: $input) { version } }', {
      input: { ...fact, weightKg: '10' },
    });
    facts.push(fact);
  }
  return facts;
}

/** Whole dollars of a decimal string ("3000", "3000.00"); the test's values have no cents. */
function dollars(decimal: string): bigint {
  const [whole, cents = '0'] = decimal.split('.');
  if (BigInt(cents) !== 0n) throw new Error(`unexpected cents in ${decimal}`);
  return BigInt(whole);
}

export function totalOf(facts: readonly RecordedFact[], country?: string): bigint {
  return facts.filter((fact) => !country || fact.countryCode === country).reduce((sum, fact) => sum + dollars(fact.valueUsd), 0n);
}

export interface DashboardView {
  readonly total: bigint;
  readonly partnerCount: number;
  /** The country in the summary's top partners and in the ranking, by its value; absent: not there. */
  readonly topPartners: Readonly<Record<string, bigint>>;
  readonly ranking: Readonly<Record<string, bigint>>;
  readonly facts: number;
  readonly factsWithArchived: number;
}

/** What the dashboards say of the year and of the deactivated country's facts. */
export async function dashboards(url: string): Promise<DashboardView> {
  const data = await gql<{
    dashboardSummary: { total: { valueUsd: string }; partnerCount: number; topPartners: { countryCode: string; valueUsd: string }[] };
    partnerRanking: { edges: { node: { countryCode: string; valueUsd: string } }[] };
    live: { totalCount: number };
    all: { totalCount: number };
  }>(
    url,
    `query($year: Int!, $code: String!) {
      dashboardSummary(year: $year) { total { valueUsd } partnerCount topPartners { countryCode valueUsd } }
      partnerRanking(year: $year, first: 50) { edges { node { countryCode valueUsd } } }
      live: statisticFacts(filter: { year: $year, countryCode: $code }) { totalCount }
      all: statisticFacts(filter: { year: $year, countryCode: $code }, includeArchived: true) { totalCount }
    }`,
    { year: YEAR, code: DEACTIVATED },
  );
  const byCountry = (rows: { countryCode: string; valueUsd: string }[]) => Object.fromEntries(rows.map((row) => [row.countryCode, dollars(row.valueUsd)]));
  return {
    total: dollars(data.dashboardSummary.total.valueUsd),
    partnerCount: data.dashboardSummary.partnerCount,
    topPartners: byCountry(data.dashboardSummary.topPartners),
    ranking: byCountry(data.partnerRanking.edges.map((edge) => edge.node)),
    facts: data.live.totalCount,
    factsWithArchived: data.all.totalCount,
  };
}

/** The dashboards with every recorded fact counted (the country active), or without the deactivated country's. */
export function expectedDashboards(facts: readonly RecordedFact[], deactivated: boolean): DashboardView {
  const countries = [...new Set(facts.map((fact) => fact.countryCode))].filter((code) => !deactivated || code !== DEACTIVATED);
  const byCountry = Object.fromEntries(countries.map((code) => [code, totalOf(facts, code)]));
  const count = facts.filter((fact) => fact.countryCode === DEACTIVATED).length;
  return {
    total: countries.reduce((sum, code) => sum + totalOf(facts, code), 0n),
    partnerCount: countries.length,
    topPartners: byCountry,
    ranking: byCountry,
    facts: deactivated ? 0 : count,
    factsWithArchived: count,
  };
}

export interface ProcessRow {
  readonly id: string;
  readonly status: string;
  readonly version: number;
  readonly phase: string;
  readonly steps: { step: string; error: string | null }[];
}

/** Every country-deactivation process of the country, oldest first. */
export async function deactivations(world: FaultWorld): Promise<ProcessRow[]> {
  const { rows } = await world.db.query<ProcessRow>(
    `select id, status, version, state->>'phase' as phase, state->'steps' as steps from process
     where type = 'country-deactivation' and key = $1 order by started_at`,
    [`country:${DEACTIVATED}`],
  );
  return rows;
}

/** Waits until `check` answers true (polling), or fails with what `describe` says of the last state. */
export async function until(check: () => Promise<boolean>, timeoutMs: number, describe: () => Promise<string>, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // an instance restarting, a node down: look again
    }
    await sleep(intervalMs);
  }
  throw new Error(`not reached within ${timeoutMs} ms: ${await describe()}`);
}

export async function describeProcesses(world: FaultWorld): Promise<string> {
  const { rows } = await world.db.query(
    `select p.id, p.status, p.version, p.state->>'phase' as phase, p.last_error as "lastError",
            (select json_agg(json_build_object('seq', c.seq, 'name', c.name, 'status', c.status, 'attempts', c.attempts, 'error', c.last_error) order by c.seq)
             from process_command c where c.process_id = p.id) as commands
     from process p where p.key = $1`,
    [`country:${DEACTIVATED}`],
  );
  return JSON.stringify(rows);
}

/** The commands the process issued: each name, how often it was issued (rows), and whether every one succeeded. */
export async function commandsOf(world: FaultWorld, processId: string): Promise<{ name: string; status: string }[]> {
  const { rows } = await world.db.query<{ name: string; status: string }>('select name, status from process_command where process_id = $1 order by seq', [processId]);
  return rows;
}

/** The events of the country's stream, in order. */
export async function countryEvents(world: FaultWorld): Promise<string[]> {
  const { rows } = await world.db.query<{ type: string }>('select type from event_log where stream_id = $1 order by stream_version', [`country:${DEACTIVATED}`]);
  return rows.map((row) => row.type);
}

/** Administrators' notices about the country recorded for delivery, by kind (one row per channel). */
export async function noticesRecorded(world: FaultWorld): Promise<string[]> {
  const { rows } = await world.db.query<{ kind: string }>(
    `select kind from notification_delivery where scope = $1 and facts->>'country' = $2 and kind like 'country-%' order by recorded_at`,
    [world.brokerPrefix, DEACTIVATED],
  );
  return rows.map((row) => row.kind);
}

/** What the webhook received about the country (the administrators' channel in these tests). */
export function noticesReceived(webhook: WebhookReceiver): string[] {
  return webhook.posts.map((post) => post.body.text ?? '').filter((text) => text.includes(`country ${DEACTIVATED}`) || text.includes(`Country ${DEACTIVATED}`));
}

/** The settings every instance of these tests runs with: the process on, a webhook for administrators, short intervals. */
export function processSettings(webhook: WebhookReceiver, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    COUNTRY_DEACTIVATION_PROCESS: 'true',
    PROCESS_MANAGER_ENABLED: 'true',
    PROCESS_POLL_INTERVAL_MS: '200',
    // A killed instance's claims are taken over after this long.
    PROCESS_LEASE_MS: '3000',
    // A killed instance has left (no cache to refresh) once its heartbeat is this old.
    INSTANCE_HEARTBEAT_MS: '500',
    INSTANCE_TIMEOUT_MS: '3000',
    NOTIFY_WEBHOOK_URL: webhook.url('T000/B000/processes'),
    NOTIFY_DIGEST_WINDOW_MS: '200',
    ...overrides,
  };
}
