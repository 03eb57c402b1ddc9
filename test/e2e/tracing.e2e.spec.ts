import { Pool } from 'pg';
import { eventually } from '../support/delivery-harness';
import { startLiveTestApp, stopLiveTestApp, type TestApp } from '../support/live-test-app';
import { aStatisticInput, deleteStatistics, keyOf } from '../support/statistic-builders';
import { graphql } from '../support/test-app';
import { TEST_OPERATOR_KEY, testConfig, uniqueName } from '../support/test-config';
import { startZipkin, type ZipkinServer, type ZipkinSpan } from '../support/zipkin-server';

interface LogLine {
  readonly msg?: string;
  readonly traceId?: string;
  readonly spanId?: string;
  readonly req?: { readonly id?: string; readonly url?: string };
}

const RECORD = `mutation($input: RecordExportStatisticInput!) { recordExportStatistic(input: $input) { position } }`;
const SERVICE = 'export-statistics';
const TRACE_ID = /^[0-9a-f]{32}$/;

/**
 * One mutation followed through a real Zipkin (started by the test, on a port of its own): the
 * operation, its command and its write in one trace; the relay's published batch and the
 * consumer's batch in traces of their own that link to it (Zipkin shows no links: a batch span has
 * a tag `link.<trace id>` per linked trace, which Zipkin's search finds), with the Elasticsearch
 * bulk under the consumer's batch.
 */
describe('tracing from the mutation to Elasticsearch, in Zipkin', () => {
  let zipkin: ZipkinServer;
  let harness: TestApp | undefined;
  const lines: LogLine[] = [];
  const created: string[] = [];
  const relayName = uniqueName('test-relay');
  const db = new Pool({ connectionString: testConfig().DATABASE_URL, max: 2 });

  beforeAll(async () => {
    zipkin = await startZipkin();
    const destination = { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) };
    harness = await startLiveTestApp(
      db,
      relayName,
      { TRACING_ENABLED: 'true', TRACING_EXPORTER: 'zipkin', TRACING_ZIPKIN_URL: zipkin.spansUrl, TRACING_SAMPLING_RATIO: '1', LOG_LEVEL: 'info' },
      { logDestination: destination },
    );
  }, 240_000);

  afterAll(async () => {
    await deleteStatistics(db, created);
    await stopLiveTestApp(db, relayName, harness);
    await db.end();
    await zipkin?.stop();
  }, 60_000);

  const byName = (spans: readonly ZipkinSpan[], name: string) => spans.filter((span) => span.name === name);
  const linkedTo = (traceId: string) => (span: ZipkinSpan) => span.tags?.[`link.${traceId}`] !== undefined;

  /**
   * The trace holding a span of `spanName` that links to `traceId`, found as an operator would:
   * Zipkin's search for the tag `link.<trace id>`; once Zipkin has it whole.
   */
  const linkedTrace = async (spanName: string, traceId: string, complete: (spans: ZipkinSpan[]) => boolean) => {
    let found: ZipkinSpan[] = [];
    await eventually(async () => {
      const traces = await zipkin.tracesTagged(SERVICE, `link.${traceId}`);
      found = traces.find((spans) => spans.some((span) => span.name === spanName && linkedTo(traceId)(span))) ?? [];
      return found.length > 0 && complete(found);
    }, 20_000, 250);
    return found;
  };

  it('one recordExportStatistic: operation, command and write in its trace; relay and consumer batches linked to it, the bulk under the consumer', async () => {
    const input = aStatisticInput();
    created.push(keyOf(input));
    const correlationId = uniqueName('corr-tracing');
    const response = await graphql(harness!.app, RECORD, { input }, { 'x-api-key': TEST_OPERATOR_KEY, 'x-correlation-id': correlationId });
    const { position } = (response.body as { data: { recordExportStatistic: { position: string } } }).data.recordExportStatistic;

    // The event's metadata holds both ids: the correlation id, and the write span's context.
    const { rows } = await db.query<{ metadata: { correlationId: string; traceparent?: string } }>('select metadata from event_log where position = $1', [position]);
    expect(rows).toHaveLength(1);
    const { correlationId: storedCorrelation, traceparent } = rows[0].metadata;
    expect(storedCorrelation).toBe(correlationId);
    expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const traceId = traceparent!.split('-')[1];
    const writeSpanId = traceparent!.split('-')[2];

    // The request's trace, in Zipkin's own API: operation > command > write.
    let spans: ZipkinSpan[] = [];
    await eventually(async () => {
      spans = await zipkin.trace(traceId);
      return spans.length >= 3;
    }, 20_000, 250);
    const [operation] = byName(spans, 'mutation recordexportstatistic');
    const [command] = byName(spans, 'command recordexportstatisticcommand');
    const [write] = byName(spans, 'write export_statistic');
    expect(operation).toEqual(expect.objectContaining({ traceId, localEndpoint: expect.objectContaining({ serviceName: SERVICE }) }));
    expect(operation.parentId).toBeUndefined();
    expect(operation.tags).toEqual(expect.objectContaining({ 'correlation.id': correlationId, 'graphql.operation.type': 'mutation' }));
    expect(command).toEqual(expect.objectContaining({ traceId, parentId: operation.id }));
    expect(write).toEqual(expect.objectContaining({ traceId, parentId: command.id, id: writeSpanId }));

    // The relay's published batch: a trace of its own, linked to the request's.
    const relayTrace = await linkedTrace('relay publish batch', traceId, () => true);
    const relayBatch = relayTrace.find(linkedTo(traceId));
    expect(relayBatch).toEqual(expect.objectContaining({ name: 'relay publish batch' }));
    expect(relayBatch!.traceId).not.toBe(traceId);
    expect(relayBatch!.tags?.[`link.${traceId}`]).toBe(writeSpanId);

    // The consumer's batch, linked to it too, with the Elasticsearch bulk as its child.
    const hasBulk = (trace: ZipkinSpan[]) => {
      const batch = trace.find(linkedTo(traceId));
      return !!batch && trace.some((span) => span.name === 'elasticsearch bulk' && span.parentId === batch.id);
    };
    const consumerTrace = await linkedTrace('consume batch', traceId, hasBulk);
    const batch = consumerTrace.find(linkedTo(traceId));
    expect(batch).toEqual(expect.objectContaining({ name: 'consume batch' }));
    expect(batch!.traceId).not.toBe(traceId);
    expect(batch!.tags?.[`link.${traceId}`]).toBe(writeSpanId);
    expect(hasBulk(consumerTrace)).toBe(true);

    // The request's log line carries the correlation id and the trace id.
    const requestLines = lines.filter((line) => line.req?.id === correlationId && line.msg === 'request completed');
    expect(requestLines).toEqual([expect.objectContaining({ traceId, spanId: operation.id })]);
    // Every line of that request names the trace.
    const ofRequest = lines.filter((line) => line.req?.id === correlationId);
    expect(ofRequest.length).toBeGreaterThan(0);
    expect(ofRequest.filter((line) => line.traceId !== traceId)).toEqual([]);
  }, 90_000);

  it('a GraphQL error names its trace and span in its extensions', async () => {
    const input = aStatisticInput();
    created.push(keyOf(input));
    await graphql(harness!.app, RECORD, { input });
    const duplicate = await graphql(harness!.app, RECORD, { input });

    const { errors } = duplicate.body as { errors: { extensions: Record<string, unknown> }[] };
    expect(errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'DUPLICATE', traceId: expect.stringMatching(TRACE_ID), spanId: expect.stringMatching(/^[0-9a-f]{16}$/) }) }),
    ]);
    let spans: ZipkinSpan[] = [];
    await eventually(async () => {
      spans = await zipkin.trace(String(errors[0].extensions.traceId));
      return spans.some((span) => span.name === 'mutation recordexportstatistic');
    }, 20_000, 250);
    const [operation] = byName(spans, 'mutation recordexportstatistic');
    expect(operation).toEqual(expect.objectContaining({ id: errors[0].extensions.spanId, tags: expect.objectContaining({ error: expect.any(String) }) }));
  }, 60_000);
});
