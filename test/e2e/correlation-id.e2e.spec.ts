import { aStatisticInput, deleteStatistics, keyOf } from '../support/statistic-builders';
import { TEST_OPERATOR_KEY } from '../support/test-config';
import { graphql, startTestApp, stopTestApp } from '../support/test-app';

interface LogLine {
  readonly msg?: string;
  readonly req?: { readonly id?: string; readonly url?: string };
}

const RECORD = `mutation($input: RecordExportStatisticInput!) { recordExportStatistic(input: $input) { position } }`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('one correlation id per request, in its log line and in its events', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  const lines: LogLine[] = [];
  const created: string[] = [];

  beforeAll(async () => {
    // The app's own JSON log lines, read back through a pino destination instead of stdout.
    const destination = { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) };
    harness = await startTestApp({ LOG_LEVEL: 'info' }, { logDestination: destination });
  });

  afterAll(async () => {
    await deleteStatistics(harness.db, created);
    await stopTestApp(harness);
  });

  const recordAndRead = async (headers: Record<string, string>) => {
    const input = aStatisticInput();
    created.push(keyOf(input));
    lines.length = 0;
    const response = await graphql(harness.app, RECORD, { input }, headers);
    const { position } = (response.body as { data: { recordExportStatistic: { position: string } } }).data.recordExportStatistic;
    const { rows } = await harness.db.query<{ correlationId: string }>(
      `select metadata->>'correlationId' as "correlationId" from event_log where position = $1`,
      [position],
    );
    const logged = lines.filter((line) => line.msg === 'request completed' && line.req?.url === '/graphql');
    return { inEvents: rows.map((row) => row.correlationId), inLog: logged.map((line) => line.req?.id) };
  };

  it('given a request without x-correlation-id, when it records a statistic, then its log line and its event carry one generated id', async () => {
    const { inEvents, inLog } = await recordAndRead({ 'x-api-key': TEST_OPERATOR_KEY });

    expect(inEvents).toEqual([expect.stringMatching(UUID)]);
    expect(inLog).toEqual(inEvents);
  });

  it('given a request with x-correlation-id, when it records a statistic, then both carry that id', async () => {
    const { inEvents, inLog } = await recordAndRead({ 'x-api-key': TEST_OPERATOR_KEY, 'x-correlation-id': 'corr-one-id-e2e' });

    expect(inEvents).toEqual(['corr-one-id-e2e']);
    expect(inLog).toEqual(['corr-one-id-e2e']);
  });
});
