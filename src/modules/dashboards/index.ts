/** The dashboards context's public face: the module the application imports. Everything else is private. */
export { DashboardsModule } from './dashboards.module';
