import { Pool } from 'undici';

/**
 * Mixed traffic for the soak: single record/revise/retract mutations, batch mutations and every
 * dashboard query, on a fixed number of lanes spread over the instances. Each lane owns the keys
 * whose index is its own modulo the lane count, so it knows their versions and never races
 * another lane: an error is the service's, not the load's.
 */
const COUNTRIES = ['CN', 'US', 'VN', 'JP', 'HK', 'TW', 'SG', 'IN', 'AU', 'MX', 'DE', 'MY', 'PH', 'ID', 'TH', 'CA'];
const CHAPTERS = ['85', '87', '84', '27', '39', '72', '89', '90', '29', '40'];
const CODES_PER_CHAPTER = 300;
const FIRST_YEAR = 2022;
const YEARS = 4;
const SEARCH_TEXTS = ['machine', 'vehicle', 'electric', 'steel', 'semiconductor', '반도체', '자동차', '8542', 'pumps', 'plastics'];
const BATCH_SIZE = 100;

/** Relative weights of the operations in the mix. */
const MIX = [
  ['query', 55],
  ['record', 15],
  ['revise', 12],
  ['retract', 4],
  ['batch', 4],
] as const;
type Operation = (typeof MIX)[number][0];
const MIX_TOTAL = MIX.reduce((sum, [, weight]) => sum + weight, 0);

export interface SoakTarget {
  readonly name: string;
  readonly url: string;
}

interface KeyState {
  readonly index: number;
  version: number;
}

/** What the load saw in one sampling window, per instance. */
export interface WindowFigures {
  readonly latencies: number[];
  errors: number;
}

export class SoakLoad {
  private readonly pools: Pool[];
  private readonly windows: WindowFigures[];
  private stopping = false;
  readonly operations = new Map<Operation, number>();
  readonly errors = new Map<string, number>();
  private lastError = '';

  constructor(
    private readonly targets: readonly SoakTarget[],
    private readonly lanes: number,
    private readonly apiKey: string,
  ) {
    const perTarget = Math.ceil(lanes / targets.length);
    this.pools = targets.map((target) => new Pool(target.url, { connections: perTarget, pipelining: 1 }));
    this.windows = targets.map(() => ({ latencies: [], errors: 0 }));
  }

  /** Runs every lane until `stop` is called; resolves when the last request has returned. */
  async run(): Promise<void> {
    await Promise.all(Array.from({ length: this.lanes }, (_, lane) => this.lane(lane)));
  }

  stop(): void {
    this.stopping = true;
  }

  /** The figures of instance `i` since the last call, and a fresh window. */
  takeWindow(i: number): WindowFigures {
    const window = this.windows[i];
    this.windows[i] = { latencies: [], errors: 0 };
    return window;
  }

  get totalOperations(): number {
    return [...this.operations.values()].reduce((sum, count) => sum + count, 0);
  }

  get sampleError(): string {
    return this.lastError;
  }

  async close(): Promise<void> {
    await Promise.all(this.pools.map((pool) => pool.close()));
  }

  private async lane(lane: number): Promise<void> {
    const target = lane % this.targets.length;
    const state = { next: lane, active: [] as KeyState[], retracted: [] as KeyState[], position: null as string | null };
    const send = (query: string, variables: Record<string, unknown>) => this.send(target, query, variables);
    while (!this.stopping) {
      const operation = pick();
      this.operations.set(operation, (this.operations.get(operation) ?? 0) + 1);
      const data = await this.operation(operation, state, send);
      const position = (data && findPosition(data)) ?? null;
      if (position !== null) state.position = position;
    }
  }

  private async operation(operation: Operation, state: LaneState, send: Send): Promise<Record<string, unknown> | null> {
    switch (operation) {
      case 'record': {
        const again = state.retracted.length > 0 && Math.random() < 0.3 ? state.retracted.splice(randomIndex(state.retracted), 1)[0] : null;
        const key = again ?? { index: this.take(state), version: 0 };
        const data = await send(RECORD, { input: statistic(key.index) });
        if (data) state.active.push({ index: key.index, version: versionOf(data, 'recordExportStatistic') ?? key.version + 1 });
        else if (again) state.retracted.push(again);
        return data;
      }
      case 'revise': {
        const key = state.active.length > 0 ? state.active[randomIndex(state.active)] : null;
        if (!key) return send(RECORD, { input: statistic(this.take(state)) });
        const data = await send(REVISE, { input: { ...statistic(key.index), expectedVersion: key.version } });
        key.version = versionOf(data, 'reviseExportStatistic') ?? key.version;
        return data;
      }
      case 'retract': {
        if (state.active.length === 0) return null;
        const key = state.active.splice(randomIndex(state.active), 1)[0];
        const { countryCode, hsCode, period } = statistic(key.index);
        const data = await send(RETRACT, { input: { countryCode, hsCode, period, expectedVersion: key.version, reason: 'soak: withdrawn' } });
        if (data) state.retracted.push({ index: key.index, version: versionOf(data, 'retractExportStatistic') ?? key.version + 1 });
        else state.active.push(key);
        return data;
      }
      case 'batch': {
        const revised = sampleOf(state.active, BATCH_SIZE * 0.3);
        const fresh = Array.from({ length: BATCH_SIZE - revised.length }, () => this.take(state));
        const items = [...revised.map((key) => statistic(key.index)), ...fresh.map(statistic)];
        const data = await send(BATCH, { items });
        if (data) {
          for (const key of revised) key.version += 1;
          for (const index of fresh) state.active.push({ index, version: 1 });
        }
        return data;
      }
      case 'query':
        return this.query(state, send);
    }
  }

  private query(state: LaneState, send: Send): Promise<Record<string, unknown> | null> {
    const year = FIRST_YEAR + Math.floor(Math.random() * YEARS);
    const month = Math.random() < 0.5 ? 1 + Math.floor(Math.random() * 12) : null;
    const country = COUNTRIES[randomIndex(COUNTRIES)];
    const chapter = CHAPTERS[randomIndex(CHAPTERS)];
    const consistency = state.position !== null && Math.random() < 0.2 ? { atLeastPosition: state.position, timeoutMs: 2000 } : null;
    const queries: [string, Record<string, unknown>][] = [
      [SUMMARY, { year, month, consistency }],
      [PARTNERS, { year, month, consistency }],
      [PRODUCTS, { year, month, level: [2, 4, 6][randomIndex([2, 4, 6])], consistency }],
      [TREND, { from: `${FIRST_YEAR}-01`, to: `${FIRST_YEAR + YEARS - 1}-12`, country: Math.random() < 0.5 ? country : null, hsCode: Math.random() < 0.5 ? chapter : null, consistency }],
      [COUNTRY, { code: country, year, consistency }],
      [PRODUCT, { hsCode: chapter, year, consistency }],
      [FACTS, { filter: { year, countryCode: country, chapter: Math.random() < 0.5 ? chapter : null }, consistency }],
      [SEARCH, { text: SEARCH_TEXTS[randomIndex(SEARCH_TEXTS)], consistency }],
    ];
    const [query, variables] = queries[randomIndex(queries)];
    return send(query, variables);
  }

  private take(state: LaneState): number {
    const index = state.next;
    state.next += this.lanes;
    return index;
  }

  /** One GraphQL request; its latency goes into the instance's window; null on any error. */
  private async send(target: number, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown> | null> {
    const started = performance.now();
    let outcome: { data: Record<string, unknown> | null; error: string | null };
    try {
      const response = await this.pools[target].request({
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': this.apiKey },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.body.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] };
      const first = body.errors?.[0];
      outcome = first ? { data: null, error: `${first.extensions?.code ?? response.statusCode}: ${first.message}` } : { data: body.data ?? null, error: null };
    } catch (error) {
      outcome = { data: null, error: `TRANSPORT: ${String(error)}` };
    }
    const window = this.windows[target];
    window.latencies.push(performance.now() - started);
    if (outcome.error !== null) {
      window.errors += 1;
      const code = outcome.error.slice(0, outcome.error.indexOf(':'));
      this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
      this.lastError = outcome.error.slice(0, 300);
    }
    return outcome.data;
  }
}

type LaneState = { next: number; active: KeyState[]; retracted: KeyState[]; position: string | null };
type Send = (query: string, variables: Record<string, unknown>) => Promise<Record<string, unknown> | null>;

/** The i-th statistic of the soak's universe: 16 partners × 3,000 10-digit codes × 48 months. */
function statistic(i: number): { countryCode: string; hsCode: string; period: string; valueUsd: string; weightKg: string } {
  const country = COUNTRIES[i % COUNTRIES.length];
  const rest = Math.floor(i / COUNTRIES.length);
  const monthIndex = rest % (YEARS * 12);
  const code = Math.floor(rest / (YEARS * 12)) % (CHAPTERS.length * CODES_PER_CHAPTER);
  const chapter = CHAPTERS[code % CHAPTERS.length];
  const national = String(Math.floor(code / CHAPTERS.length) * 7919 + 10_000_001).slice(-8);
  return {
    countryCode: country,
    hsCode: `${chapter}${national}`,
    period: `${FIRST_YEAR + Math.floor(monthIndex / 12)}-${String((monthIndex % 12) + 1).padStart(2, '0')}`,
    // Below the export threshold, so that a revision moves the version by exactly one.
    valueUsd: `${1000 + Math.floor(Math.random() * 900_000)}.${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`,
    weightKg: String(10 + Math.floor(Math.random() * 50_000)),
  };
}

function pick(): Operation {
  let roll = Math.random() * MIX_TOTAL;
  for (const [operation, weight] of MIX) {
    if ((roll -= weight) < 0) return operation;
  }
  return 'query';
}

function randomIndex(items: readonly unknown[]): number {
  return Math.floor(Math.random() * items.length);
}

/** Up to `count` distinct keys of `keys`, at random. */
function sampleOf(keys: readonly KeyState[], count: number): KeyState[] {
  if (keys.length <= count) return [...keys];
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(randomIndex(keys));
  return [...chosen].map((i) => keys[i]);
}

function versionOf(data: Record<string, unknown> | null, field: string): number | null {
  const receipt = data?.[field] as { version?: number } | undefined;
  return receipt?.version ?? null;
}

function findPosition(data: Record<string, unknown>): string | null {
  const receipt = Object.values(data)[0] as { position?: unknown } | undefined;
  return typeof receipt?.position === 'string' ? receipt.position : null;
}

export function operationMix(): string {
  return MIX.map(([operation, weight]) => `${operation} ${Math.round((weight / MIX_TOTAL) * 100)} %`).join(', ');
}

const RECORD = 'mutation($input: RecordExportStatisticInput!) { recordExportStatistic(input: $input) { id version position } }';
const REVISE = 'mutation($input: ReviseExportStatisticInput!) { reviseExportStatistic(input: $input) { id version position } }';
const RETRACT = 'mutation($input: RetractExportStatisticInput!) { retractExportStatistic(input: $input) { id version position } }';
const BATCH = 'mutation($items: [RecordExportStatisticInput!]!) { recordExportStatistics(items: $items) { recorded revised unchanged position } }';
const FIGURES = 'valueUsd weightKg statisticCount';
const PARTNER = `rank countryCode nameEn nameKo ${FIGURES} share`;
const PRODUCT_SHARE = `rank hsCode level nameEn nameKo ${FIGURES} share`;
const SUMMARY = `query($year: Int!, $month: Int, $consistency: ReadConsistency) { dashboardSummary(year: $year, month: $month, consistency: $consistency) {
  year month total { ${FIGURES} } yoyGrowth partnerCount productCount partnerHhi topPartners { ${PARTNER} } topProducts { ${PRODUCT_SHARE} }
  monthlyTrend { period ${FIGURES} } fresh } }`;
const PARTNERS = `query($year: Int!, $month: Int, $consistency: ReadConsistency) { partnerRanking(year: $year, month: $month, first: 20, consistency: $consistency) {
  totalCount edges { cursor node { ${PARTNER} } } pageInfo { hasNextPage endCursor } fresh } }`;
const PRODUCTS = `query($year: Int!, $month: Int, $level: Int, $consistency: ReadConsistency) { productRanking(year: $year, month: $month, level: $level, first: 20, consistency: $consistency) {
  totalCount edges { cursor node { ${PRODUCT_SHARE} } } pageInfo { hasNextPage endCursor } fresh } }`;
const TREND = `query($from: String!, $to: String!, $country: String, $hsCode: String, $consistency: ReadConsistency) { trend(from: $from, to: $to, country: $country, hsCode: $hsCode, consistency: $consistency) {
  total { ${FIGURES} } points { period ${FIGURES} yoyGrowth } cagr { fromYear toYear rate } seasonality { month index } fresh } }`;
const COUNTRY = `query($code: String!, $year: Int!, $consistency: ReadConsistency) { countryProfile(code: $code, year: $year, consistency: $consistency) {
  countryCode nameEn active total { ${FIGURES} } yoyGrowth shareOfExports rank cagr { rate } monthly { period ${FIGURES} } seasonality { month index } productCount topProducts { ${PRODUCT_SHARE} } fresh } }`;
const PRODUCT = `query($hsCode: String!, $year: Int!, $consistency: ReadConsistency) { productProfile(hsCode: $hsCode, year: $year, consistency: $consistency) {
  hsCode level nameEn total { ${FIGURES} } yoyGrowth shareOfExports rank cagr { rate } monthly { period ${FIGURES} } partnerCount partnerHhi topPartners { ${PARTNER} } fresh } }`;
const FACTS = `query($filter: StatisticFactFilter!, $consistency: ReadConsistency) { statisticFacts(filter: $filter, first: 50, consistency: $consistency) {
  totalCount edges { cursor node { key countryCode countryNameEn hsCode productNameEn period status valueUsd weightKg version } } pageInfo { hasNextPage endCursor } fresh } }`;
const SEARCH = `query($text: String!, $consistency: ReadConsistency) { searchProducts(text: $text, first: 20, consistency: $consistency) {
  totalCount hits { hsCode level nameEn nameKo sectionCode } fresh } }`;
