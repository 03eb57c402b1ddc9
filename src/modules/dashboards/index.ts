/** The dashboards context's public face: the module the application imports, the
 * rebuilder the CLI runs without it, and whether the read model has passed a log position. Everything else is private. */
export { DashboardsModule } from './dashboards.module';
export { standaloneRebuilder } from './rebuild/standalone-rebuild';
export { HasReadModelPassedQuery } from './queries/has-read-model-passed/has-read-model-passed.query';
