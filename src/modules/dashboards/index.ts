/** The dashboards context's public face: the module the application imports, and the
 * rebuilder the CLI runs without it. Everything else is private. */
export { DashboardsModule } from './dashboards.module';
export { standaloneRebuilder } from './rebuild/standalone-rebuild';
