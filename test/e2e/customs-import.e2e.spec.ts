import Decimal from 'decimal.js';
import { Pool } from 'pg';
import { CustomsStandIn, startCustomsStandIn } from '../support/customs-stand-in/customs-stand-in';
import { graphql } from '../support/test-app';
import { deleteCustomsImportState, startLiveTestApp, stopLiveTestApp, type TestApp } from '../support/live-test-app';
import { TEST_READER_KEY, testConfig, uniqueName } from '../support/test-config';

// The customs import as an operator runs it: started through GraphQL (HS codes typed and from a
// CSV list), followed through GraphQL until it has ended and the dashboards show all of it, then
// the dashboards read back. The app runs everything: its import workers against the stand-in over
// HTTP, the relay, the consumers and the projections, on a read model of its own. Expected figures
// come from the stand-in's own data. The test owns the month 2002-06 and clears it first, so it can
// run twice in a row.

const KEY = 'Import/E2e+Key==';
const MONTH = '2002-06';
/** The month of the dead-letter test. */
const FAULT_MONTH = '2002-07';
const TYPED = ['85'];
const LISTED = ['03', '0901'];
const LIST_CSV = 'HS code,note\n03,fish\n0901,coffee\n';

interface ImportNode {
  id: string;
  state: string;
  visible: boolean;
  lastPosition: string | null;
  hsCodes: string[] | null;
  waitingFor: string | null;
  counts: Record<string, number>;
  checksum: { unitsMatching: number; unitsMismatching: number; sourceValueUsd: string; sourceWeightKg: string; rowsValueUsd: string; rowsWeightKg: string };
  units: { id: string; state: string }[];
}

const IMPORT_FIELDS = `id state visible lastPosition hsCodes waitingFor
  counts { units pending done fetched recorded revised retracted unchanged unknownPartnerRows refused deadLettered }
  checksum { unitsMatching unitsMismatching sourceValueUsd sourceWeightKg rowsValueUsd rowsWeightKg }
  units { id state }`;

describe('customs import through GraphQL', () => {
  let standIn: CustomsStandIn;
  let harness: TestApp | undefined;
  const relayName = uniqueName('test-relay');
  const db = new Pool({ connectionString: testConfig().DATABASE_URL, max: 2 });
  const importIds: string[] = [];

  beforeEach(() => standIn.state.faults.clear());

  beforeAll(async () => {
    standIn = await startCustomsStandIn({ port: 0, serviceKey: KEY });
    await clearMonth();
    harness = await startLiveTestApp(db, relayName, {
      CUSTOMS_IMPORT_WORKERS: 'true',
      CUSTOMS_API_URL: standIn.url,
      CUSTOMS_SERVICE_KEY: KEY,
      CUSTOMS_CALLS_PER_SECOND: '500',
      CUSTOMS_CONCURRENCY: '4',
      CUSTOMS_RETRY_BASE_MS: '1',
      CUSTOMS_RETRY_MAX_MS: '10',
      CUSTOMS_RESUME_INTERVAL_MS: '3600000',
    });
  });

  afterAll(async () => {
    await clearMonth();
    // Their outcome events (CustomsImportCompleted, ...Failed, ...Paused) too.
    await db.query(`delete from event_log where stream_id = any(array(select 'customs-import:' || id from unnest($1::uuid[]) as id))`, [importIds]);
    await db.query('delete from customs_import where id = any($1::uuid[])', [importIds]);
    await stopLiveTestApp(db, relayName, harness);
    if (harness) await deleteCustomsImportState(db, harness.config);
    await standIn.close();
    await db.end();
  });

  async function clearMonth(): Promise<void> {
    for (const owned of [MONTH, FAULT_MONTH]) {
      const [year, month] = owned.split('-').map(Number);
      await db.query('delete from event_log where stream_id like $1', [`statistic:%-${owned}`]);
      await db.query('delete from export_statistic where year = $1 and month = $2', [year, month]);
    }
  }

  async function mutate(mutation: string, variables: Record<string, unknown>): Promise<ImportNode> {
    const body = (await graphql(harness!.app, mutation, variables)).body as { data?: Record<string, ImportNode>; errors?: unknown };
    if (!body.data) throw new Error(`mutation failed: ${JSON.stringify(body.errors)}`);
    return Object.values(body.data)[0];
  }

  async function followUntilEnded(id: string): Promise<ImportNode> {
    for (let polls = 0; polls < 600; polls += 1) {
      const node = await importNode(id);
      if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(node.state)) return node;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`import ${id} never ended: ${JSON.stringify(await importNode(id))}`);
  }

  async function importNode(id: string): Promise<ImportNode> {
    const response = await graphql(harness!.app, `query($id: ID!) { customsImport(id: $id) { ${IMPORT_FIELDS} } }`, { id });
    const body = response.body as { data?: { customsImport: ImportNode }; errors?: unknown };
    if (!body.data) throw new Error(`customsImport failed: ${JSON.stringify(body.errors)}`);
    return body.data.customsImport;
  }

  /** Follows the import as an operator would, until it has ended and the dashboards show it (bounded, not timed). */
  async function followUntilVisible(id: string): Promise<{ seen: Set<string>; last: ImportNode }> {
    const seen = new Set<string>();
    for (let polls = 0; polls < 600; polls += 1) {
      const node = await importNode(id);
      seen.add(node.state);
      if (node.visible || node.state === 'FAILED' || node.state === 'CANCELLED') return { seen, last: node };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`import ${id} never became visible: ${JSON.stringify(await importNode(id))}`);
  }

  it('given typed HS codes and an operator CSV list, when started and followed, then it completes visible and the dashboards equal the source grand totals', async () => {
    const prefixes = [...TYPED, ...LISTED].sort();
    const expected = sourceTotals(standIn, MONTH, prefixes);

    const started = await graphql(
      harness!.app,
      `mutation($from: String!, $to: String!, $hs: [String!], $file: HsCodesFileInput) {
        startCustomsImport(from: $from, to: $to, hsCodes: $hs, hsCodesFile: $file) { ${IMPORT_FIELDS} } }`,
      { from: MONTH, to: MONTH, hs: TYPED, file: { fileName: 'codes.csv', contentBase64: Buffer.from(LIST_CSV).toString('base64') } },
    );
    const node = (started.body as { data: { startCustomsImport: ImportNode } }).data.startCustomsImport;
    importIds.push(node.id);

    expect(node).toMatchObject({ hsCodes: prefixes, visible: false });
    expect(['REQUESTED', 'RUNNING']).toContain(node.state);

    const { last } = await followUntilVisible(node.id);

    expect(last).toMatchObject({
      state: 'COMPLETED',
      visible: true,
      waitingFor: null,
      counts: { units: 3, done: 3, pending: 0, fetched: expected.rows, recorded: expected.statistics, revised: 0, retracted: 0, unchanged: 0, refused: 0, deadLettered: 0, unknownPartnerRows: 0 },
      checksum: {
        unitsMatching: 3,
        unitsMismatching: 0,
        sourceValueUsd: expected.valueUsd.toFixed(2),
        sourceWeightKg: expected.weightKg.toFixed(3),
        rowsValueUsd: expected.valueUsd.toFixed(2),
        rowsWeightKg: expected.weightKg.toFixed(3),
      },
    });
    expect(last.lastPosition).not.toBeNull();

    const summary = await graphql(
      harness!.app,
      `query($position: String!) { dashboardSummary(year: 2002, month: 6, consistency: { atLeastPosition: $position, timeoutMs: 0 }) {
        total { valueUsd weightKg statisticCount } fresh } }`,
      { position: last.lastPosition },
      { 'x-api-key': TEST_READER_KEY },
    );
    expect(summary.body).toEqual({
      data: { dashboardSummary: { total: { valueUsd: expected.valueUsd.toFixed(2), weightKg: expected.weightKg.toFixed(3), statisticCount: expected.statistics }, fresh: true } },
    });

    const listed = await graphql(harness!.app, `{ customsImports(first: 1) { edges { node { id state visible } } pageInfo { hasNextPage } } }`);
    expect((listed.body as { data: { customsImports: { edges: { node: unknown }[] } } }).data.customsImports.edges[0].node).toEqual({ id: node.id, state: 'COMPLETED', visible: true });
  });

  it('given two units dead-lettered by malformed answers, when an operator replays one and cancels the other, then the import completes visible with the replayed unit applied', async () => {
    standIn.inject({ kind: 'malformed', hsPrefix: '02', times: 10 });
    standIn.inject({ kind: 'malformed', hsPrefix: '03', times: 10 });
    const started = await mutate(`mutation { startCustomsImport(from: "${FAULT_MONTH}", to: "${FAULT_MONTH}", hsCodes: ["01", "02", "03"]) { id } }`, {});
    importIds.push(started.id);

    const ended = await followUntilEnded(started.id);
    const deadLettered = await graphql(harness!.app, `query($id: ID!) { customsImport(id: $id) { units(state: DEAD_LETTERED) { id lastErrorCode } } }`, { id: started.id });
    standIn.state.faults.clear();
    const [replayed, cancelled] = (deadLettered.body as { data: { customsImport: { units: { id: string }[] } } }).data.customsImport.units;
    await mutate('mutation($i: ID!, $u: String!) { replayCustomsImportUnit(importId: $i, unitId: $u) { id } }', { i: started.id, u: replayed.id });
    await mutate('mutation($i: ID!, $u: String!) { cancelCustomsImportUnit(importId: $i, unitId: $u) { id } }', { i: started.id, u: cancelled.id });
    const { last } = await followUntilVisible(started.id);

    expect(ended).toMatchObject({ state: 'COMPLETED', counts: { done: 1, deadLettered: 2 } });
    expect(deadLettered.body).toEqual({
      data: { customsImport: { units: [{ id: '02:2002-07..2002-07', lastErrorCode: 'CUSTOMS.MALFORMED_RESPONSE' }, { id: '03:2002-07..2002-07', lastErrorCode: 'CUSTOMS.MALFORMED_RESPONSE' }] } },
    });
    expect(last).toMatchObject({ state: 'COMPLETED', visible: true, counts: { done: 2, deadLettered: 0, recorded: sourceTotals(standIn, FAULT_MONTH, ['01', '02']).statistics } });
    expect(last.units).toEqual([
      { id: '01:2002-07..2002-07', state: 'DONE' },
      { id: '02:2002-07..2002-07', state: 'DONE' },
      { id: '03:2002-07..2002-07', state: 'CANCELLED' },
    ]);
    const expected = sourceTotals(standIn, FAULT_MONTH, ['01', '02']);
    const summary = await graphql(
      harness!.app,
      `query($position: String!) { dashboardSummary(year: 2002, month: 7, consistency: { atLeastPosition: $position, timeoutMs: 0 }) { total { valueUsd statisticCount } fresh } }`,
      { position: last.lastPosition },
      { 'x-api-key': TEST_READER_KEY },
    );
    expect(summary.body).toEqual({ data: { dashboardSummary: { total: { valueUsd: expected.valueUsd.toFixed(2), statisticCount: expected.statistics }, fresh: true } } });
    const again = await graphql(harness!.app, 'mutation($i: ID!) { replayCustomsImportUnit(importId: $i, unitId: "01:2002-07..2002-07") { id } }', { i: started.id });
    expect((again.body as { errors: unknown[] }).errors[0]).toMatchObject({
      message: 'unitKey unit 01:2002-07..2002-07 is done; only a dead-lettered or refused unit can be replayed',
      extensions: { code: 'VALIDATION' },
    });
  });

  it('refuses a bad cell of the operator list by row and column, and starts nothing', async () => {
    const before = await db.query<{ count: number }>('select count(*)::int as count from customs_import');

    const response = await graphql(harness!.app, 'mutation($file: HsCodesFileInput) { startCustomsImport(from: "2002-06", to: "2002-06", hsCodesFile: $file) { id } }', {
      file: { fileName: 'codes.csv', contentBase64: Buffer.from('HS code\n03\n12x4\n').toString('base64') },
    });

    const body = response.body as { data: null; errors: { message: string; extensions: { code: string; errorCode: string } }[] };
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions).toMatchObject({ code: 'VALIDATION', errorCode: 'CUSTOMS_IMPORT.HS_SCOPE_INVALID' });
    expect(body.errors[0].message).toContain('row 3, column A');
    const after = await db.query<{ count: number }>('select count(*)::int as count from customs_import');
    expect(after.rows[0].count).toBe(before.rows[0].count);
  });

  it('refuses to start an import to a reader', async () => {
    const response = await graphql(harness!.app, 'mutation { startCustomsImport(from: "2002-06", to: "2002-06") { id } }', {}, { 'x-api-key': TEST_READER_KEY });

    expect((response.body as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('UNAUTHORIZED');
  });
});

/** What the stand-in serves for the prefixes: its grand totals' sums, its rows, and the rows with exports. */
function sourceTotals(standIn: CustomsStandIn, month: string, prefixes: readonly string[]) {
  let valueUsd = new Decimal(0);
  let weightKg = new Decimal(0);
  let rows = 0;
  let statistics = 0;
  for (const prefix of prefixes) {
    for (const row of standIn.state.source.rows(month.replace('-', ''), prefix)) {
      rows += 1;
      if (row.expDlr > 0) statistics += 1;
      valueUsd = valueUsd.plus(row.expDlr);
      weightKg = weightKg.plus(row.expWgt);
    }
  }
  return { valueUsd, weightKg, rows, statistics };
}
