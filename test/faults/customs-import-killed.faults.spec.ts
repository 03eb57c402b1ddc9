import { setTimeout as sleep } from 'node:timers/promises';
import { loadCountryReference } from '../../src/modules/reference-data';
import type { AppProcess } from '../support/app-process';
import { differences, eventsByType, expectedImport, recordedEvents, storedFigures, streamsNotRecordedOnce, unitStates } from '../support/customs-import-audit';
import { startCustomsStandIn, type CustomsStandIn } from '../support/customs-stand-in/customs-stand-in';
import { STAND_IN_PARTNERS } from '../support/customs-stand-in/stand-in-partners';
import { expectContiguousStreams, expectNothingParked, expectReadModelEqualsRebuildAndSql, waitUntilQuiet } from '../support/fault-audit';
import { FAULT_CHAPTERS, FAULT_COUNTRIES, FAULT_TEST_TIMEOUT_MS, FaultWorld } from '../support/fault-world';
import { TEST_OPERATOR_KEY } from '../support/test-config';

const KEY = 'Import/Faults+Key==';
const MONTH = '2025-06';
/** The chapters the world's template knows: one unit each. */
const CHAPTERS: readonly string[] = FAULT_CHAPTERS;
/** Its first fetch hangs, so the first kill lands while that call is in flight; it is the largest, so the second lands while it is applied. */
const HUNG = '84';
const THRESHOLD_USD = '1000000';
/** Denser than the stand-in's default: about 4,900 rows (2,750 in chapter 84), so applying a unit takes dozens of commits. */
const STAND_IN_DENSITY = { maxPartnersPerLine: 8 };

/**
 * kill -9 of the only instance in the middle of a customs import, twice: first while a unit's call
 * to the customs service hangs (and other units are being applied), then while the re-fetched unit
 * is being applied. The job's state is in PostgreSQL and its steps' messages, unacknowledged, go
 * back to the work queues; each restart finishes what is left. The result must be what one
 * uninterrupted import writes: every source row recorded exactly once, the totals equal to the
 * source's grand totals, the read model equal to a rebuild and to SQL.
 */
describe('fault: the app is killed (SIGKILL) mid-import and restarted', () => {
  let standIn: CustomsStandIn;
  let world: FaultWorld;
  let app: AppProcess;

  beforeAll(async () => {
    standIn = await startCustomsStandIn({ port: 0, serviceKey: KEY, ...STAND_IN_DENSITY });
    world = await FaultWorld.create();
    app = await world.startApp('importer', {
      CUSTOMS_IMPORT_WORKERS: 'true',
      CUSTOMS_API_URL: standIn.url,
      CUSTOMS_SERVICE_KEY: KEY,
      CUSTOMS_CALLS_PER_SECOND: '50',
      CUSTOMS_CONCURRENCY: '2',
      CUSTOMS_PROCESS_PREFETCH: '2',
      // Small batches: a unit is applied in many commits, and a kill lands between two of them.
      CUSTOMS_IMPORT_CHUNK_SIZE: '100',
      BATCH_CHUNK_SIZE: '50',
      EXPORT_THRESHOLD_USD: THRESHOLD_USD,
    });
    await registerStandInPartners(app.url);
    world.mark('started');
  }, FAULT_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await world?.cleanUp();
    await standIn?.close();
  }, FAULT_TEST_TIMEOUT_MS);

  it('finishes with the source\'s exact totals, every row recorded once, and the read model equal to a rebuild and to SQL', async () => {
    const expected = expectedImport(standIn.state.source, MONTH, CHAPTERS, THRESHOLD_USD);
    const rowsOfHung = [...expected.figures.keys()].filter((key) => key.slice(3).startsWith(HUNG)).length;
    standIn.inject({ kind: 'hang', hsPrefix: HUNG, times: 1 });
    const { id, correlationId } = await startImport(app.url);
    const recorded = (chapter?: string) => recordedEvents(world.db, correlationId, chapter);
    const units = () => unitStates(world.db, id);

    await until('the hung call made and a first chunk applied', async () => standIn.state.calls.some((call) => call.hsSgn === HUNG) && (await recorded()) > 0, units);
    await app.kill();
    world.mark(`killed during a fetch (${await recorded()} recorded)`);
    expect((await units())[HUNG]).toBe('pending');
    expect(await recorded()).toBeLessThan(expected.figures.size);

    await app.restart();
    world.mark('restarted');
    await until(`a chunk of chapter ${HUNG} applied`, async () => (await recorded(HUNG)) > 0, units);
    await app.kill();
    world.mark(`killed while applying (${await recorded(HUNG)} of ${rowsOfHung} in ${HUNG})`);
    expect((await units())[HUNG]).toBe('applying');
    expect(await recorded(HUNG)).toBeLessThan(rowsOfHung);

    await app.restart();
    world.mark('restarted again');
    const view = await until('the import ended', async () => {
      const node = await importView(app.url, id);
      return ['COMPLETED', 'FAILED', 'CANCELLED'].includes(node.state) && node;
    }, units);
    world.mark('import ended');

    const size = expected.figures.size;
    const { grandTotal } = expected;
    expect(view).toEqual({
      state: 'COMPLETED',
      counts: {
        units: CHAPTERS.length,
        done: CHAPTERS.length,
        fetched: expected.rows,
        refused: 0,
        deadLettered: 0,
        unknownPartnerRows: 0,
        recorded: size,
        revised: 0,
        retracted: 0,
        unchanged: 0,
      },
      checksum: {
        unitsMatching: CHAPTERS.length,
        unitsMismatching: 0,
        sourceValueUsd: grandTotal.valueUsd,
        sourceWeightKg: grandTotal.weightKg,
        rowsValueUsd: grandTotal.valueUsd,
        rowsWeightKg: grandTotal.weightKg,
      },
    });
    // The call cut by the first kill, then the one after the restart; the second kill found the unit fetched.
    expect(standIn.state.calls.filter((call) => call.hsSgn === HUNG)).toHaveLength(2);
    // One outcome too: completing after two crashes announced it once (notifications read it).
    expect(await eventsByType(world.db, correlationId)).toEqual({ ExportStatisticRecorded: size, ExportThresholdExceeded: expected.aboveThreshold, CustomsImportCompleted: 1 });
    expect(await streamsNotRecordedOnce(world.db, MONTH)).toEqual({ streams: size, notOnce: [] });
    await expectContiguousStreams(world);
    const held = await storedFigures(world.db, MONTH);
    expect(differences(held.figures, expected.figures)).toEqual({ missing: [], unexpected: [], different: [] });
    expect(held.total).toEqual(grandTotal);

    await waitUntilQuiet(world, app.url);
    world.mark('quiet');
    await expectNothingParked(world);
    await app.stop();
    world.mark('stopped');
    await expectReadModelEqualsRebuildAndSql(world);
    world.mark('read model = rebuild = SQL');
  }, FAULT_TEST_TIMEOUT_MS);
});

interface ImportNode {
  readonly state: string;
  readonly counts: Record<string, number>;
  readonly checksum: Record<string, string | number>;
}

async function graphql<T>(url: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': TEST_OPERATOR_KEY },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await response.json()) as { data?: T | null; errors?: unknown };
  if (!body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** The template knows six countries; the stand-in's partners are 41, registered as an operator would. */
async function registerStandInPartners(url: string): Promise<void> {
  const reference = loadCountryReference();
  const known: readonly string[] = FAULT_COUNTRIES;
  for (const { code } of STAND_IN_PARTNERS.filter((partner) => !known.includes(partner.code))) {
    const { nameEn, nameKo } = reference.get(code)!;
    await graphql(url, 'mutation($input: RegisterCountryInput!) { registerCountry(input: $input) { version } }', { input: { code, nameEn, nameKo } });
  }
}

async function startImport(url: string): Promise<{ id: string; correlationId: string }> {
  const data = await graphql<{ startCustomsImport: { id: string; correlationId: string } }>(
    url,
    'mutation($month: String!, $hsCodes: [String!]) { startCustomsImport(from: $month, to: $month, hsCodes: $hsCodes) { id correlationId } }',
    { month: MONTH, hsCodes: CHAPTERS },
  );
  return data.startCustomsImport;
}

async function importView(url: string, id: string): Promise<ImportNode> {
  const data = await graphql<{ customsImport: ImportNode }>(
    url,
    `query($id: ID!) { customsImport(id: $id) { state
      counts { units done fetched refused deadLettered unknownPartnerRows recorded revised retracted unchanged }
      checksum { unitsMatching unitsMismatching sourceValueUsd sourceWeightKg rowsValueUsd rowsWeightKg } } }`,
    { id },
  );
  return data.customsImport;
}

/**
 * Polls until `probe` answers something truthy; bounded, so a stuck import fails the test rather
 * than hanging it, with `explain` (the units' states) in the message.
 */
async function until<T>(what: string, probe: () => Promise<T | false>, explain: () => Promise<unknown>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const answer = await probe();
    if (answer) return answer;
    await sleep(25);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms; units ${JSON.stringify(await explain())}`);
}
