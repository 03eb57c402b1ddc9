import { ReadModelIndexManager } from '../../src/modules/dashboards/elasticsearch/read-model-index-manager';
import { RebuildRuns } from '../../src/modules/dashboards/rebuild/rebuild-runs';
import { graphql, startTestApp, stopTestApp } from '../support/test-app';
import { TEST_READER_KEY } from '../support/test-config';

/**
 * The rebuild's GraphQL surface. A real replay of the shared test database's whole log would take
 * minutes here; "Projection equals rebuild" (test/int) runs the rebuild itself on its own streams.
 */
describe('rebuildReadModel and rebuildProgress through GraphQL', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  let runs: RebuildRuns;
  const reader = { 'x-api-key': TEST_READER_KEY };
  const PROGRESS = '{ rebuildProgress { status phase fromGeneration toGeneration totalEvents processedEvents requestedBy finishedAt error } }';

  beforeAll(async () => {
    harness = await startTestApp();
    runs = new RebuildRuns(harness.db, harness.config.ES_INDEX_PREFIX);
  });

  afterAll(async () => {
    await runs.deleteAll();
    await harness.app.get(ReadModelIndexManager).deleteAll();
    await stopTestApp(harness);
  });

  it('answers null progress when there never was a rebuild', async () => {
    expect((await graphql(harness.app, PROGRESS, {}, reader)).body).toEqual({ data: { rebuildProgress: null } });
  });

  it('refuses a rebuild to a reader', async () => {
    const response = await graphql(harness.app, 'mutation { rebuildReadModel { status } }', {}, reader);

    expect(response.body).toEqual({
      data: null,
      errors: [
        {
          message: 'this operation requires the operator role: send an x-api-key header or a bearer token that grants it',
          locations: [{ line: 1, column: 12 }],
          path: ['rebuildReadModel'],
          extensions: { code: 'UNAUTHORIZED', errorCode: 'AUTH.UNAUTHORIZED', requiredRole: 'operator' },
        },
      ],
    });
  });

  it('refuses a second rebuild while one runs, and shows the running one', async () => {
    const running = await runs.begin(1, 2, 'someone-else');

    const refused = await graphql(harness.app, 'mutation { rebuildReadModel { status } }');
    const progress = await graphql(harness.app, PROGRESS, {}, reader);

    expect(refused.body).toEqual({
      data: null,
      errors: [
        {
          message: `A rebuild of the read model is already running (${running.id}); follow it with rebuildProgress`,
          locations: [{ line: 1, column: 12 }],
          path: ['rebuildReadModel'],
          extensions: { code: 'DUPLICATE', errorCode: 'READ_MODEL.REBUILD_RUNNING', id: running.id },
        },
      ],
    });
    expect(progress.body).toEqual({
      data: {
        rebuildProgress: {
          status: 'RUNNING',
          phase: 'creating-indexes',
          fromGeneration: 1,
          toGeneration: 2,
          totalEvents: 0,
          processedEvents: 0,
          requestedBy: 'someone-else',
          finishedAt: null,
          error: null,
        },
      },
    });
  });
});
