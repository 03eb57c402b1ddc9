import { Client } from '@elastic/elasticsearch';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Decimal from 'decimal.js';
import { connect } from 'amqplib';
import { Pool } from 'pg';
import { workQueueName } from '../src/modules/customs-import';
import { ReadModelIndexManager } from '../src/modules/dashboards/elasticsearch/read-model-index-manager';
import { loadConfig } from '../src/config/app-config';
import { topologyFromConfig } from '../src/platform/messaging/broker-topology.provider';
import { deleteTopology } from '../src/platform/messaging/topology-declarer';
import { BENCHMARK_DENSITY, StandInData } from '../test/support/customs-stand-in/stand-in-data';
import type { BenchSection } from './bench-section';
import { BENCH_DATABASE_URL } from './support/bench-database';
import { CpuLedger } from './support/stats';

const ROOT = join(__dirname, '..');
const ES_URL = process.env.ES_URL ?? 'http://127.0.0.1:9200';
const RABBITMQ_URL = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const OPERATOR_KEY = `bench-operator-${randomBytes(6).toString('hex')}`;
const MONTH = process.env.IMPORT_BENCH_MONTH ?? '2026-10';
const CALLS_PER_SECOND = process.env.IMPORT_BENCH_CALLS_PER_SECOND ?? '20';
const CONCURRENCY = process.env.IMPORT_BENCH_CONCURRENCY ?? '4';
const LIMIT_MS = 15 * 60_000;

interface Stages {
  fetched?: number;
  applied?: number;
  relayed?: number;
  visible?: number;
}

/**
 * One month of every HS chapter at the stand-in's benchmark density (~200,000 source rows) into a
 * fresh read model, through the service as it runs: the built service (dist/main.js) in a process
 * of its own with its import workers, relay, consumers and projections, the stand-in in another.
 * Started by the startCustomsImport mutation; each stage is timed from that moment to when it had
 * finished for the whole month (they overlap: units are applied while others are still fetched),
 * and the service's peak RSS is its kernel high-water mark (VmHWM).
 */
export async function runImportBench(): Promise<BenchSection> {
  const suffix = randomBytes(3).toString('hex');
  const prefix = `bench-import-${suffix}`;
  const relayName = `bench-import-relay-${suffix}`;
  const standInPort = 20_000 + Math.floor(Math.random() * 10_000);
  const httpPort = standInPort + 1;
  const pool = new Pool({ connectionString: BENCH_DATABASE_URL, max: 2 });
  const es = new Client({ node: ES_URL });
  const serviceEnv: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: BENCH_DATABASE_URL,
    ES_URL,
    RABBITMQ_URL,
    ES_INDEX_PREFIX: prefix,
    BROKER_PREFIX: prefix,
    RELAY_NAME: relayName,
    // Names the service's connections, so the CPU of its own PostgreSQL backends can be told apart.
    DATABASE_APPLICATION_NAME: prefix,
    HTTP_PORT: String(httpPort),
    OPERATOR_API_KEYS: `bench:${OPERATOR_KEY}`,
    CUSTOMS_API_URL: `http://127.0.0.1:${standInPort}`,
    CUSTOMS_SERVICE_KEY: 'bench-key',
    CUSTOMS_IMPORT_WORKERS: 'true',
    CUSTOMS_IMPORT_SCHEDULE_ENABLED: 'false',
    CUSTOMS_CALLS_PER_SECOND: CALLS_PER_SECOND,
    CUSTOMS_CONCURRENCY: CONCURRENCY,
    CUSTOMS_DAILY_QUOTA: '100000',
  };
  let standIn: ChildProcess | undefined;
  let service: ChildProcess | undefined;
  const rows: BenchSection['rows'][number][] = [];
  const notes: string[] = [];
  try {
    standIn = spawnChild('stand-in', [join(ROOT, 'node_modules/.bin/ts-node'), '--transpile-only', join(ROOT, 'test/support/customs-stand-in/main.ts')], {
      ...(process.env as Record<string, string>),
      CUSTOMS_STAND_IN_PORT: String(standInPort),
      CUSTOMS_STAND_IN_SCALE: 'benchmark',
    });
    // IMPORT_BENCH_PROFILE_DIR=<dir> writes the service's V8 CPU profile there when it stops.
    const profile = process.env.IMPORT_BENCH_PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', process.env.IMPORT_BENCH_PROFILE_DIR] : [];
    service = spawnChild('service', [...profile, join(ROOT, 'dist/main.js')], serviceEnv);
    const graphql = graphqlClient(`http://127.0.0.1:${httpPort}/graphql`);
    await waitUntil('the service and the stand-in answer', async () => (await reachable(`http://127.0.0.1:${httpPort}/health`)) && reachable(`http://127.0.0.1:${standInPort}/`), 120_000);
    // The read model starts fresh: first it catches up with the seeded reference data.
    const head = (await pool.query<{ position: string | null }>('select max(position)::text as position from event_log')).rows[0].position ?? '0';
    await waitUntil('the fresh read model has the reference data', async () => {
      const answer = await graphql(`{ dashboardSummary(year: 2000, consistency: { atLeastPosition: "${head}", timeoutMs: 2000 }) { fresh } }`);
      return (answer as { dashboardSummary?: { fresh: boolean } }).dashboardSummary?.fresh === true;
    }, 300_000);
    const rssBefore = residentKb(service.pid!, 'VmRSS');
    const cpu = new CpuLedger();
    const [esPid, brokerPid] = await Promise.all([elasticsearchPid(es), brokerOsPid()]);
    const sampleCpu = async () => {
      cpu.sample('service', [service!.pid!]);
      cpu.sample('stand-in', [standIn!.pid!]);
      cpu.sample('postgres', await backendPids(pool, [prefix, `relay-lease:${relayName}`, `relay-listen:${relayName}`]));
      if (esPid !== null) cpu.sample('elasticsearch', [esPid]);
      if (brokerPid !== null) cpu.sample('rabbitmq', [brokerPid]);
    };
    await sampleCpu();
    cpu.markStarted();

    const started = performance.now();
    const start = (await graphql(`mutation { startCustomsImport(from: "${MONTH}", to: "${MONTH}") { id correlationId } }`)) as { startCustomsImport: { id: string; correlationId: string } };
    const { id, correlationId } = start.startCustomsImport;
    const stages: Stages = {};
    let peakSampledKb = 0;
    const at = () => performance.now() - started;
    for (const deadline = Date.now() + LIMIT_MS; Date.now() < deadline && stages.visible === undefined; await sleep(100)) {
      peakSampledKb = Math.max(peakSampledKb, residentKb(service.pid!, 'VmRSS'));
      await sampleCpu();
      if (stages.fetched === undefined && (await allFetched(pool, id))) stages.fetched = at();
      if (stages.applied === undefined && (await jobState(pool, id)) !== 'running' && (await jobState(pool, id)) !== 'requested' && (await jobState(pool, id)) !== 'paused') stages.applied = at();
      if (stages.applied !== undefined && stages.relayed === undefined && (await relayPassed(pool, relayName, correlationId))) stages.relayed = at();
      if (stages.relayed !== undefined) {
        const status = (await graphql(`{ customsImport(id: "${id}") { visible } }`)) as { customsImport: { visible: boolean } };
        if (status.customsImport.visible) stages.visible = at();
      }
    }
    const peakKb = residentKb(service.pid!, 'VmHWM');
    const final = (await graphql(`{ customsImport(id: "${id}") { state counts { units fetched recorded refused deadLettered } checksum { sourceValueUsd rowsValueUsd } } }`)) as {
      customsImport: { state: string; counts: { units: number; fetched: number; recorded: number; refused: number; deadLettered: number }; checksum: { sourceValueUsd: string } };
    };
    const summary = (await graphql(`{ dashboardSummary(year: ${MONTH.slice(0, 4)}, month: ${Number(MONTH.slice(5))}) { total { valueUsd statisticCount } } }`)) as {
      dashboardSummary: { total: { valueUsd: string; statisticCount: number } };
    };
    const source = sourceGrandTotal(MONTH);
    const { counts } = final.customsImport;
    const seconds = (value: number | undefined) => (value === undefined ? 'not reached' : `${(value / 1000).toFixed(1)} s`);
    const groups = ['service', 'postgres', 'elasticsearch', 'rabbitmq', 'stand-in'] as const;
    const spent = Object.fromEntries(groups.map((group) => [group, cpu.spentMs(group)])) as Record<(typeof groups)[number], number>;
    const cpuTotal = groups.reduce((sum, group) => sum + spent[group], 0);

    rows.push(
      { metric: `Source rows of ${MONTH} (every chapter, ${counts.units} units), statistics recorded`, value: `${counts.fetched.toLocaleString('en-US')} rows, ${counts.recorded.toLocaleString('en-US')} statistics` },
      { metric: 'Fetch and parse: every unit fetched, parsed and stored', value: seconds(stages.fetched) },
      { metric: 'Apply: every unit verified, reconciled and written to the event log (import completed)', value: seconds(stages.applied) },
      { metric: 'Relay: the relay has published the import\'s last event', value: seconds(stages.relayed) },
      { metric: 'Projection: the read model has passed the last event (`visible: true`)', value: seconds(stages.visible), target: '≤ 30 s' },
      { metric: 'Service peak RSS (VmHWM, start-up included)', value: `${Math.round(peakKb / 1024)} MB`, target: '< 600 MB' },
      {
        metric: 'CPU spent until visible: service / its PostgreSQL backends / Elasticsearch / RabbitMQ / stand-in',
        value: groups.map((group) => seconds(spent[group])).join(' / '),
      },
      { metric: 'CPU spent in all, and the least time it takes on 2 cores (all busy, perfect overlap)', value: `${seconds(cpuTotal)}, ${seconds(cpuTotal / 2)}` },
    );
    notes.push(
      `Import: ${final.customsImport.state}, refused ${counts.refused}, dead-lettered ${counts.deadLettered}; the dashboards' ${MONTH} total ${summary.dashboardSummary.total.valueUsd} USD over ${summary.dashboardSummary.total.statisticCount.toLocaleString('en-US')} statistics, the stand-in's grand totals ${source.toFixed(2)} USD (${source.toFixed(2) === summary.dashboardSummary.total.valueUsd ? 'equal' : 'NOT EQUAL'}).`,
      'Stages are times from the mutation to the end of each stage for the whole month; they overlap (the first units are applied, relayed and projected while later ones are fetched).',
      `Service settings: CUSTOMS_CALLS_PER_SECOND=${CALLS_PER_SECOND}, CUSTOMS_CONCURRENCY=${CONCURRENCY}, the other CUSTOMS_* and relay/projection settings at their defaults; at the default 2 calls per second the ${counts.units} calls alone take ${Math.ceil(counts.units / 2)} s.`,
      `Service RSS: ${Math.round(rssBefore / 1024)} MB before the import; highest sampled during it ${Math.round(peakSampledKb / 1024)} MB (every 100 ms).`,
      'The service (node dist/main.js), the stand-in (its own process), PostgreSQL, RabbitMQ, Elasticsearch and the benchmark share the same 2 cores.',
      "CPU is each process's user + system time (/proc/<pid>/stat) from the mutation to `visible`, sampled every 100 ms; PostgreSQL is the service's own backends (by application_name); Elasticsearch and RabbitMQ are the whole node, so on a busy machine they include other clients' work.",
    );
  } finally {
    for (const child of [service, standIn]) if (child?.pid !== undefined && child.exitCode === null) child.kill('SIGTERM');
    await Promise.all([service, standIn].map((child) => (child ? exited(child) : undefined)));
    await new ReadModelIndexManager(es, prefix).deleteAll().catch(() => undefined);
    const config = loadConfig({ ...process.env, BROKER_PREFIX: prefix, ES_INDEX_PREFIX: prefix, DATABASE_URL: BENCH_DATABASE_URL });
    await deleteTopology(config.RABBITMQ_URL, topologyFromConfig(config)).catch(() => undefined);
    await deleteWorkQueues(prefix).catch(() => undefined);
    await pool.end();
    await es.close();
  }
  return { title: 'Customs import (one month from the stand-in)', rows, notes };
}

function spawnChild(name: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk.toString()}`));
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

function graphqlClient(url: string): (query: string) => Promise<unknown> {
  return async (query) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': OPERATOR_KEY }, body: JSON.stringify({ query }) });
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    if (body.errors) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
}

async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(250)) {
    if (await check().catch(() => false)) return;
  }
  throw new Error(`bench: gave up waiting until ${what}`);
}

/** The kernel's figure for a process, in kB: VmRSS now, VmHWM its peak. */
function residentKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}

/** The service's PostgreSQL backends: its pool and the relay's two sessions, by application_name. */
async function backendPids(pool: Pool, applicationNames: readonly string[]): Promise<number[]> {
  const { rows } = await pool.query<{ pid: number }>('select pid from pg_stat_activity where application_name = any($1::text[])', [applicationNames]);
  return rows.map((row) => row.pid);
}

async function elasticsearchPid(es: Client): Promise<number | null> {
  const nodes = (await es.nodes.info({ node_id: '_local', metric: 'process' }).catch(() => null)) as { nodes?: Record<string, { process?: { id?: number } }> } | null;
  return Object.values(nodes?.nodes ?? {})[0]?.process?.id ?? null;
}

/** The broker's OS process, as `rabbitmqctl status` reports it. */
async function brokerOsPid(): Promise<number | null> {
  const status = await new Promise<string>((resolve) => {
    const child = spawn('rabbitmqctl', ['-q', 'status'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', () => resolve(out));
    child.on('error', () => resolve(''));
  });
  const pid = /OS PID: (\d+)/.exec(status)?.[1];
  return pid ? Number(pid) : null;
}

async function allFetched(pool: Pool, importId: string): Promise<boolean> {
  const { rows } = await pool.query<{ units: number; pending: number }>(
    "select count(*)::int as units, count(*) filter (where state = 'pending')::int as pending from customs_import_unit where import_id = $1",
    [importId],
  );
  return rows[0].units > 0 && rows[0].pending === 0;
}

async function jobState(pool: Pool, importId: string): Promise<string> {
  return (await pool.query<{ state: string }>('select state from customs_import where id = $1', [importId])).rows[0].state;
}

/** The relay's checkpoint is at or past the import's last event (relay order). */
async function relayPassed(pool: Pool, relayName: string, correlationId: string): Promise<boolean> {
  const { rows } = await pool.query<{ passed: boolean }>(
    `select coalesce((select (c.transaction_id, c.position) >= (e.transaction_id, e.position)
       from relay_checkpoint c,
            (select transaction_id, position from event_log where metadata->>'correlationId' = $2 order by transaction_id desc, position desc limit 1) e
      where c.name = $1), false) as passed`,
    [relayName, correlationId],
  );
  return rows[0].passed;
}

/** The sum of the stand-in's grand totals for the month over every chapter, from its own data. */
function sourceGrandTotal(month: string): Decimal {
  let value = new Decimal(0);
  for (const row of new StandInData(BENCHMARK_DENSITY).rows(month.replace('-', ''), '')) value = value.plus(row.expDlr);
  return value;
}

async function deleteWorkQueues(prefix: string): Promise<void> {
  const connection = await connect(RABBITMQ_URL);
  const channel = await connection.createChannel();
  for (const step of ['request', 'fetch', 'process'] as const) await channel.deleteQueue(workQueueName(prefix, step));
  await connection.close();
}
