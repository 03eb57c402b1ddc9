/** The dashboards context's public face: the module the application imports, the rebuilder the
 * CLI runs without it, whether the read model has passed a log position, and the port through
 * which another context (the customs import) says which month is published. Everything else is private. */
export { DashboardsModule } from './dashboards.module';
export { standaloneRebuilder } from './rebuild/standalone-rebuild';
export { HasReadModelPassedQuery } from './queries/has-read-model-passed/has-read-model-passed.query';
export { PUBLICATION_HORIZON, type PublicationHorizon } from './publication/publication-horizon';
export { PUBLISHED_MONTH_SOURCE, type PublishedMonthSource } from './publication/published-month-source';
export { anomalySettingsOf } from './projections/alerts/anomaly-alerts';
export { ALERT_NOTICES, type AlertNotices } from './projections/alerts/alert-notices';
export type { AlertDocument, AlertKind, AlertNotice } from './projections/alerts/alert-document';
