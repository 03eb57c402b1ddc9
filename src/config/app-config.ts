import { z } from 'zod';
import { customsImportOpsSettings } from './customs-import-ops.config';
import { notificationSettingProblems, notificationSettings } from './notifications.config';

/**
 * Every setting the service reads, validated once at start-up. A missing or malformed value is an
 * error that names the variable, so a misconfigured deployment fails before it accepts traffic.
 */
const csv = z
  .string()
  .transform((raw) => raw.split(',').map((item) => item.trim()).filter(Boolean));

const decimalString = z.string().regex(/^\d{1,18}(\.\d{1,2})?$/, 'a non-negative decimal with at most 2 decimals');

const anomalyFactor = z
  .string()
  .regex(/^\d{1,6}(\.\d{1,6})?$/, 'a plain decimal above 1')
  .refine((text) => Number(text) > 1, 'a plain decimal above 1');

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

const millis = (min: number) => z.coerce.number().int().min(min).max(3_600_000);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // The largest request body accepted; a larger one is refused (413) before it is read whole.
  HTTP_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/export_stats'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  // How long a statement waits for a pooled connection before the request answers DATABASE_UNAVAILABLE.
  DATABASE_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  // What the pool's connections call themselves in pg_stat_activity (so operators can tell them apart).
  DATABASE_APPLICATION_NAME: z.string().regex(/^[A-Za-z0-9._:-]{1,63}$/, '1-63 of A-Z a-z 0-9 . _ : -').default('export-stats'),
  // A transaction left idle this long is ended by PostgreSQL, its locks released: an instance that
  // froze (or lost its network) holding one must not stall every other instance waiting on them.
  // Above the longest legitimate pause inside a transaction (a summary flush's round, seconds).
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  RABBITMQ_URL: z.string().url().default('amqp://guest:guest@127.0.0.1:5672'),
  // AMQP heartbeat asked of the broker, in seconds: an instance that stops answering (frozen,
  // partitioned) has its connections closed after about two of them, and its shard queues pass to
  // another instance's consumer.
  AMQP_HEARTBEAT_S: z.coerce.number().int().min(1).max(600).default(5),
  ES_URL: z.string().url().default('http://127.0.0.1:9200'),
  // A dashboard query waits this long for Elasticsearch before it answers READ_MODEL_UNAVAILABLE;
  // bulk writes and rebuilds keep the longer timeout of their own.
  ES_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  // /health/ready and the health query give each component this long.
  HEALTH_PROBE_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  ES_INDEX_PREFIX: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, "-" and "_"')
    .default('exportstats'),
  STARTUP_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  OPERATOR_API_KEYS: csv.default(''),
  READER_API_KEYS: csv.default(''),
  JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  PUBLIC_READS: z
    .enum(['true', 'false'])
    .transform((flag) => flag === 'true')
    .default('true'),
  // The dashboard page (web/, ADR 0014) at `/`, served from web/dist.
  DASHBOARD_PAGE_ENABLED: flag.default('true'),
  GRAPHIQL: z
    .enum(['true', 'false'])
    .transform((flag) => flag === 'true')
    .optional(),
  // Off in production unless configured: the schema is the contract, but a public API need not
  // hand its map to every caller.
  GRAPHQL_INTROSPECTION: flag.optional(),
  // The parser stops at this many tokens, before a huge document costs memory or validation time.
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).max(100_000).default(5000),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(8),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(1).max(1000).default(30),
  // GraphQL subscriptions (ADR 0010): subscriptions one WebSocket connection may hold, values a
  // subscription queues for a slow client before the oldest is dropped, and the keep-alive ping.
  SUBSCRIPTIONS_MAX_PER_CONNECTION: z.coerce.number().int().min(1).max(1000).default(20),
  SUBSCRIPTION_BUFFER_SIZE: z.coerce.number().int().min(1).max(10_000).default(100),
  SUBSCRIPTION_KEEPALIVE_MS: millis(1000).default(15_000),
  // A JWT must carry `exp`, at most this far after its `iat` (or after now, without one); `nbf`,
  // `iat` and `exp` are honoured with this much clock skew either way.
  JWT_MAX_LIFETIME_S: z.coerce.number().int().min(60).max(31 * 24 * 3600).default(24 * 3600),
  JWT_CLOCK_SKEW_S: z.coerce.number().int().min(0).max(300).default(30),
  EXPORT_THRESHOLD_USD: decimalString.default('1000000'),
  // Anomaly alerts (docs/alerts.md): a (partner, HS chapter) month that moved against the same
  // month a year earlier AND its trailing twelve-month mean by more than these factors (above 1:
  // 2 means twice or half) and by more than the minimum amount in USD.
  ALERT_ANOMALY_YOY_FACTOR: anomalyFactor.default('2'),
  ALERT_ANOMALY_MEAN_FACTOR: anomalyFactor.default('2'),
  ALERT_ANOMALY_MIN_USD: decimalString.default('100000'),
  ...customsImportOpsSettings,
  BATCH_CHUNK_SIZE: z.coerce.number().int().min(1).max(10_000).default(1000),
  // Items one recordExportStatistics mutation may carry; bigger loads belong to the import.
  BATCH_MUTATION_MAX_ITEMS: z.coerce.number().int().min(1).max(100_000).default(1000),
  SHARD_COUNT: z.coerce
    .number()
    .int()
    .refine((n) => n >= 1 && n <= 64 && (n & (n - 1)) === 0, 'a power of two from 1 to 64')
    .default(4),
  // Event delivery (docs/delivery.md). Every broker name derives from BROKER_PREFIX, so a test run
  // or a second deployment gets a topology of its own on a shared broker.
  BROKER_PREFIX: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, ".", "-" and "_"')
    .default('exportstats'),
  RELAY_ENABLED: flag.default('true'),
  RELAY_NAME: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'a short lowercase name').default('main'),
  RELAY_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(5000),
  RELAY_MAX_IN_FLIGHT_BATCHES: z.coerce.number().int().min(1).max(16).default(4),
  RELAY_POLL_INTERVAL_MS: millis(10).default(1000),
  RELAY_HEARTBEAT_INTERVAL_MS: millis(100).default(2000),
  RELAY_LEASE_TIMEOUT_MS: millis(500).default(15_000),
  RELAY_CONFIRM_TIMEOUT_MS: millis(100).default(10_000),
  CONSUMERS_ENABLED: flag.default('true'),
  CONSUMER_PREFETCH: z.coerce.number().int().min(1).max(10_000).default(2000),
  CONSUMER_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(1000),
  CONSUMER_MAX_RETRIES: z.coerce.number().int().min(0).max(20).default(3),
  CONSUMER_RETRY_BASE_MS: millis(1).default(100),
  CONSUMER_RETRY_MAX_MS: millis(1).default(5000),
  QUEUE_DELIVERY_LIMIT: z.coerce.number().int().min(1).max(1000).default(10),
  // Read model (docs/read-model.md). A query's `consistency` waits at most READ_WAIT_MAX_MS, and
  // READ_WAIT_DEFAULT_MS when it names no timeout. A rebuild replays the log in REBUILD_BATCH_SIZE events.
  READ_WAIT_DEFAULT_MS: millis(0).default(2000),
  READ_WAIT_MAX_MS: millis(0).default(10_000),
  REBUILD_BATCH_SIZE: z.coerce.number().int().min(100).max(50_000).default(5000),
  // Consumers queue the summaries a batch touches; they are recomputed together this often.
  SUMMARY_FLUSH_INTERVAL_MS: millis(10).default(1000),
  // How long an instance keeps the customs import's latest published month (the dashboards'
  // horizon, ADR 0007) before asking PostgreSQL again; 0 asks on every query.
  PUBLICATION_HORIZON_CACHE_MS: millis(0).default(5000),
  // The customs import (docs/adr/0004-customs-import.md). The key is a secret: never logged, and
  // nothing derived from it reaches an error, a metric or an event.
  CUSTOMS_API_URL: z.string().url().default('http://127.0.0.1:3100'),
  CUSTOMS_SERVICE_KEY: z.string().min(1).optional(),
  CUSTOMS_IMPORT_WORKERS: flag.default('true'),
  CUSTOMS_CALLS_PER_SECOND: z.coerce.number().min(0.01).max(1000).default(2),
  CUSTOMS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  CUSTOMS_DAILY_QUOTA: z.coerce.number().int().min(1).max(10_000_000).default(1000),
  // Korea time (UTC+9 all year): the hour at which the portal starts a new quota day.
  CUSTOMS_QUOTA_RESET_HOUR: z.coerce.number().int().min(0).max(23).default(0),
  CUSTOMS_TIMEOUT_MS: millis(100).default(30_000),
  CUSTOMS_RETRIES: z.coerce.number().int().min(0).max(20).default(3),
  CUSTOMS_RETRY_BASE_MS: millis(1).default(500),
  CUSTOMS_RETRY_MAX_MS: millis(1).default(30_000),
  CUSTOMS_UNIT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(3),
  CUSTOMS_UNIT_MAX_ROWS: z.coerce.number().int().min(1).max(10_000_000).default(100_000),
  CUSTOMS_IMPORT_CHUNK_SIZE: z.coerce.number().int().min(1).max(100_000).default(5000),
  CUSTOMS_PROCESS_PREFETCH: z.coerce.number().int().min(1).max(64).default(2),
  CUSTOMS_RESUME_INTERVAL_MS: millis(10).default(10_000),
  // Tracing (docs/adr/0011-tracing.md). Off by default: then the OpenTelemetry SDK is never loaded
  // and our spans meet the API's no-op tracer. The ratio applies where a trace begins (a GraphQL
  // operation); relay and consumer batches linked to a kept trace are always kept.
  TRACING_ENABLED: flag.default('false'),
  TRACING_EXPORTER: z.enum(['zipkin', 'otlp']).default('zipkin'),
  TRACING_ZIPKIN_URL: z.string().url().default('http://127.0.0.1:9411/api/v2/spans'),
  TRACING_OTLP_URL: z.string().url().default('http://127.0.0.1:4318/v1/traces'),
  TRACING_SAMPLING_RATIO: z.coerce.number().min(0).max(1).default(1),
  TRACING_SERVICE_NAME: z.string().regex(/^[A-Za-z0-9._-]{1,63}$/, '1-63 of A-Z a-z 0-9 . _ -').default('export-statistics'),
  // Durable processes (docs/adr/0012-durable-process-manager.md): consume the processes' queue and
  // fire their deadlines and commands in this instance; any number of instances may.
  PROCESS_MANAGER_ENABLED: flag.default('true'),
  PROCESS_POLL_INTERVAL_MS: millis(10).default(1000),
  // A deadline or command an instance claimed and did not finish (it died) is taken over after this.
  PROCESS_LEASE_MS: millis(100).default(30_000),
  PROCESS_COMMAND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  // Run the country-deactivation process (issue 14). Off until the dashboards and notifications
  // handle its commands (country-deactivation.ports.ts): without them every deactivation would be undone.
  COUNTRY_DEACTIVATION_PROCESS: flag.default('false'),
  // How long a country deactivation may take before it is undone (compensated).
  COUNTRY_DEACTIVATION_DEADLINE_MS: millis(1000).default(600_000),
  ...notificationSettings,
});

export type AppConfig = Readonly<
  Omit<z.infer<typeof schema>, 'GRAPHIQL' | 'GRAPHQL_INTROSPECTION'> & {
    GRAPHIQL: boolean;
    GRAPHQL_INTROSPECTION: boolean;
  }
>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings mean "unset": `FOO= make run` must not turn a default into a validation error.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const config = parsed.data;
  // A standby relay takes over when the owner's heartbeat is older than the lease timeout: with
  // fewer than two beats per timeout a healthy owner would be taken over after one slow beat.
  if (config.RELAY_LEASE_TIMEOUT_MS < 2 * config.RELAY_HEARTBEAT_INTERVAL_MS) {
    throw new ConfigError(['RELAY_LEASE_TIMEOUT_MS: must be at least twice RELAY_HEARTBEAT_INTERVAL_MS']);
  }
  const notificationProblems = notificationSettingProblems(config);
  if (notificationProblems.length > 0) throw new ConfigError(notificationProblems);
  return Object.freeze({
    ...config,
    GRAPHIQL: config.GRAPHIQL ?? config.NODE_ENV === 'development',
    GRAPHQL_INTROSPECTION: config.GRAPHQL_INTROSPECTION ?? config.NODE_ENV !== 'production',
  });
}

export const APP_CONFIG = Symbol('APP_CONFIG');
