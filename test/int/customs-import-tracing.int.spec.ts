import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Pool } from 'pg';
import type { AppConfig } from '../../src/config/app-config';
import { CustomsImportService } from '../../src/modules/customs-import';
import { CustomsStandIn, startCustomsStandIn } from '../support/customs-stand-in/customs-stand-in';
import { eventually } from '../support/delivery-harness';
import { deleteCustomsImportState } from '../support/live-test-app';
import { graphql, startTestApp, stopTestApp } from '../support/test-app';
import { TEST_OPERATOR_KEY, uniqueName } from '../support/test-config';
import { startZipkin, type ZipkinServer, type ZipkinSpan } from '../support/zipkin-server';

const KEY = 'Import/Tracing+Key==';
const MONTH = '2003-03';
const CHAPTERS = ['01', '02'];
const START = `mutation($from: String!, $to: String!, $hsCodes: [String!]) { startCustomsImport(from: $from, to: $to, hsCodes: $hsCodes) { id } }`;

/**
 * A customs import is one trace in a real Zipkin: the work messages carry the trace context in
 * their AMQP header `traceparent`, so the request step is the child of the startCustomsImport
 * operation, each unit's fetch the child of the request step, its process step the child of its
 * fetch, and the unit's batch commands and writes under it.
 */
describe('a customs import traced, in Zipkin', () => {
  let zipkin: ZipkinServer;
  let standIn: CustomsStandIn;
  let app: NestFastifyApplication;
  let db: Pool;
  let config: AppConfig;
  const importIds: string[] = [];

  const clearMonth = async () => {
    await db.query('delete from event_log where stream_id like $1', [`statistic:%-${MONTH}`]);
    await db.query('delete from export_statistic where year = 2003 and month = 3');
  };

  beforeAll(async () => {
    zipkin = await startZipkin();
    standIn = await startCustomsStandIn({ port: 0, serviceKey: KEY });
    ({ app, db, config } = await startTestApp({
      TRACING_ENABLED: 'true',
      TRACING_EXPORTER: 'zipkin',
      TRACING_ZIPKIN_URL: zipkin.spansUrl,
      TRACING_SAMPLING_RATIO: '1',
      CUSTOMS_IMPORT_WORKERS: 'true',
      CUSTOMS_API_URL: standIn.url,
      CUSTOMS_SERVICE_KEY: KEY,
      CUSTOMS_CALLS_PER_SECOND: '500',
    }));
    await clearMonth();
  }, 240_000);

  afterAll(async () => {
    await db.query(`delete from event_log where stream_id = any(array(select 'customs-import:' || id from unnest($1::uuid[]) as id))`, [importIds]);
    await db.query('delete from customs_import where id = any($1::uuid[])', [importIds]);
    await clearMonth();
    await deleteCustomsImportState(db, config);
    await stopTestApp({ app, db });
    await standIn?.close();
    await zipkin?.stop();
  }, 60_000);

  const named = (spans: readonly ZipkinSpan[], name: string) => spans.filter((span) => span.name === name);

  it('startCustomsImport > request > fetch unit > process unit > batch command > write, in one trace', async () => {
    const correlationId = uniqueName('corr-import-trace');
    const response = await graphql(app, START, { from: MONTH, to: MONTH, hsCodes: CHAPTERS }, { 'x-api-key': TEST_OPERATOR_KEY, 'x-correlation-id': correlationId });
    const importId = (response.body as { data: { startCustomsImport: { id: string } } }).data.startCustomsImport.id;
    importIds.push(importId);
    const service = app.get(CustomsImportService);
    expect(await eventually(async () => (await service.get(importId)).state === 'completed', 60_000, 200)).toBe(true);

    // The trace as the import's events name it: every statistic written carries the write span's context.
    const { rows } = await db.query<{ traceparent: string | null }>(
      "select distinct metadata->>'traceparent' as traceparent from event_log where metadata->>'correlationId' = $1 and stream_id like 'statistic:%'",
      [correlationId],
    );
    const traceIds = new Set(rows.map((row) => row.traceparent?.split('-')[1]));
    expect(rows.length).toBeGreaterThan(0);
    expect([...traceIds]).toHaveLength(1);
    const [traceId] = [...traceIds] as string[];
    const unitKeys = (await service.get(importId)).units.filter((unit) => unit.state === 'done').map((unit) => unit.key);
    expect(unitKeys.length).toBeGreaterThanOrEqual(CHAPTERS.length);

    let spans: ZipkinSpan[] = [];
    await eventually(async () => {
      spans = await zipkin.trace(traceId);
      return named(spans, 'customs-import process unit').length >= unitKeys.length && named(spans, 'write export_statistic batch').length > 0;
    }, 20_000, 250);
    const byId = new Map(spans.map((span) => [span.id, span]));
    const parentOf = (span: ZipkinSpan) => (span.parentId ? byId.get(span.parentId) : undefined);

    const [operation] = named(spans, 'mutation startcustomsimport');
    expect(operation).toEqual(expect.objectContaining({ tags: expect.objectContaining({ 'correlation.id': correlationId }) }));
    expect(operation.parentId).toBeUndefined();
    const [request] = named(spans, 'customs-import request');
    expect(request).toEqual(expect.objectContaining({ parentId: operation.id, tags: expect.objectContaining({ 'customs_import.id': importId }) }));
    // Each unit: fetched under the request, processed under its own fetch.
    const fetches = named(spans, 'customs-import fetch unit');
    const processes = named(spans, 'customs-import process unit');
    expect(new Set(processes.map((span) => span.tags?.['customs_import.unit']))).toEqual(new Set(unitKeys));
    for (const fetch of fetches) expect(parentOf(fetch)?.name).toMatch(/^customs-import (request|fetch unit)$/);
    for (const process of processes) {
      expect(parentOf(process)).toEqual(expect.objectContaining({ name: 'customs-import fetch unit', tags: expect.objectContaining({ 'customs_import.unit': process.tags?.['customs_import.unit'] }) }));
    }
    // The unit's statistics: its batch commands under it, their writes under them.
    const commands = named(spans, 'command recordexportstatisticsbatchcommand');
    expect(commands.length).toBeGreaterThanOrEqual(unitKeys.length);
    for (const command of commands) expect(parentOf(command)?.name).toBe('customs-import process unit');
    for (const write of named(spans, 'write export_statistic batch')) expect(parentOf(write)?.name).toBe('command recordexportstatisticsbatchcommand');
  }, 120_000);
});
