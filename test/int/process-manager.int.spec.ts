import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { LoggerService } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { connect } from 'amqplib';
import { Pool } from 'pg';
import type { EventMetadata } from '../../src/platform/event-log/event-log.types';
import { consumerChannels } from '../../src/platform/messaging/broker-topology.provider';
import { ENVELOPE_VERSION, type EventEnvelope } from '../../src/platform/messaging/wire/event-envelope';
import { publishOptions } from '../../src/platform/messaging/wire/message-headers';
import { processManagerSettings } from '../../src/platform/process-manager/process-manager.host';
import { ProcessManager } from '../../src/platform/process-manager/process-manager';
import type { ProcessCommand, ProcessDefinition, ProcessEvent, ProcessInput } from '../../src/platform/process-manager/process.types';
import { DeliveryHarness, eventually, sleep } from '../support/delivery-harness';

/** A toy process: started by CountryDeactivated, it sends `greet`, notes its answer, and ends when its deadline fires. */
interface ToyState {
  readonly code: string;
  readonly greeted: boolean;
  readonly expiredAt: string | null;
}

const DEADLINE_MS = 1500;

function toyDefinition(type: string): ProcessDefinition<ToyState> {
  return {
    type,
    eventTypes: ['CountryDeactivated'],
    route: (event: ProcessEvent) => (typeof event.data.code === 'string' ? { key: event.data.code, starts: true } : null),
    decide(state: ToyState | null, input: ProcessInput, { now }) {
      const none = { commands: [], deadlines: [], cancelDeadlines: [] };
      if (state === null) {
        if (input.kind !== 'event') throw new Error('a toy starts with an event');
        return {
          state: { code: String(input.data.code), greeted: false, expiredAt: null },
          commands: [{ name: 'greet', payload: { code: input.data.code } }],
          deadlines: [{ name: 'expire', dueAt: new Date(now.getTime() + DEADLINE_MS) }],
          cancelDeadlines: [],
        };
      }
      if (input.kind === 'command-succeeded' && input.name === 'greet') return { ...none, state: { ...state, greeted: true } };
      // Told of a failure before its deadline, it ends without one; after, it keeps the deadline's time.
      if (input.kind === 'command-failed') return { ...none, state: { ...state, expiredAt: state.expiredAt ?? 'never' }, lastError: input.error };
      // An operator's retry of the greeting that ended it brings it back to wait for the answer.
      if (input.kind === 'retry-requested' && input.name === 'greet' && state.expiredAt === 'never') return { ...none, state: { ...state, expiredAt: null } };
      if (input.kind === 'deadline') return { ...none, state: { ...state, expiredAt: input.dueAt }, commands: [{ name: 'farewell', payload: { code: state.code } }] };
      return { ...none, state };
    },
    statusOf: (state) => (state.expiredAt === null ? 'running' : 'completed'),
    toBusCommand: (command) => ({ command }),
    isPermanent: (error) => error instanceof RefusedError,
  };
}

class RefusedError extends Error {
  constructor() {
    super('refused for good');
    this.name = 'RefusedError';
  }
}

/** Started by CountryActivated, but only once the toy process of its key has completed. */
function followerDefinition(type: string, after: string): ProcessDefinition<{ readonly code: string }> {
  return {
    type,
    eventTypes: ['CountryActivated'],
    route: (event) => (typeof event.data.code === 'string' ? { key: event.data.code, starts: true, startsAfter: { type: after, statusIn: ['completed'] } } : null),
    decide: (state, input) => ({ state: state ?? { code: String(input.kind === 'event' ? input.data.code : '') }, commands: [], deadlines: [], cancelDeadlines: [] }),
    statusOf: () => 'running',
    toBusCommand: (command) => ({ command }),
    isPermanent: () => true,
  };
}

interface Sent {
  readonly command: ProcessCommand;
  readonly metadata: EventMetadata;
  readonly instance: string;
  readonly at: number;
}

describe('process manager (int: PostgreSQL and RabbitMQ)', () => {
  const harness = new DeliveryHarness({ PROCESS_MANAGER_ENABLED: 'true', PROCESS_POLL_INTERVAL_MS: '100', PROCESS_LEASE_MS: '5000' });
  const type = `toy-${randomBytes(4).toString('hex')}`;
  const definition = toyDefinition(type);
  const follower = followerDefinition(`${type}-follower`, type);
  const codePrefix = `T${randomBytes(3).toString('hex')}`;
  const sent: Sent[] = [];
  /** Messages the instances' consumers took from the processes' queue. */
  const consumed = { count: 0 };
  const running: { manager: ProcessManager; amqp: AmqpConnection | null; pool: Pool }[] = [];
  // The steps' spans (a span per deadline and per command), kept in memory.
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const stepSpans = (name: string, processId: string) =>
    exporter
      .getFinishedSpans()
      .filter((span) => span.name === name && span.attributes['process.id'] === processId)
      .map((span) => ({ status: span.status.code, events: span.events.map((event) => event.name), attempt: span.attributes['process.command.attempt'] }));

  /** One instance: its own pool (and broker connection when it consumes), like a separate app. */
  async function startInstance(name: string, consume: boolean): Promise<ProcessManager> {
    const pool = new Pool({ connectionString: harness.config.DATABASE_URL, max: 4 });
    const amqp = consume ? await amqpConnection() : null;
    const manager = new ProcessManager(processManagerSettings(harness.config, harness.topology), {
      pool,
      amqp,
      definitions: [definition, follower],
      send: async (command, _type, metadata) => {
        sent.push({ command, metadata, instance: name, at: Date.now() });
        const code = (command.payload as { code: string }).code;
        const attempts = sent.filter((s) => (s.command.payload as { code: string }).code === code && s.command.name === command.name).length;
        if (command.name === 'greet' && code.endsWith('FLAKY') && attempts === 1) throw new Error('the broker blinked');
        if (command.name === 'greet' && code.endsWith('REFUSED')) throw new RefusedError();
        if (command.name === 'greet' && code.endsWith('OUTAGE')) throw new Error('elasticsearch is down');
        if (command.name === 'greet' && code.endsWith('RETRIED') && attempts === 1) throw new RefusedError();
        return { ok: true };
      },
      now: () => new Date(),
      observer: {
        processed: (_queue, count) => {
          consumed.count += count;
        },
        retried: () => undefined,
        parked: () => undefined,
      },
    });
    await manager.start();
    running.push({ manager, amqp, pool });
    return manager;
  }

  async function stopInstance(manager: ProcessManager): Promise<void> {
    const index = running.findIndex((instance) => instance.manager === manager);
    const [instance] = running.splice(index, 1);
    await instance.manager.stop();
    await instance.amqp?.close();
    await instance.pool.end();
  }

  async function amqpConnection(): Promise<AmqpConnection> {
    const amqp = new AmqpConnection({
      uri: harness.config.RABBITMQ_URL,
      channels: consumerChannels(harness.config),
      connectionInitOptions: { wait: true, timeout: 10_000, reject: true },
      connectionManagerOptions: { heartbeatIntervalInSeconds: 5, reconnectTimeInSeconds: 1 },
      registerHandlers: false,
      enableDirectReplyTo: false,
      logger: QUIET,
    });
    await amqp.init();
    return amqp;
  }

  /** Writes CountryDeactivated to the log (the relay publishes it); returns the event's id and stream. */
  async function deactivate(code: string, eventType = 'CountryDeactivated', version = 1): Promise<{ eventId: string; streamId: string }> {
    const eventId = randomUUID();
    const streamId = `country:${code}`;
    await harness.db.query(
      `insert into event_log (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at)
       values ($1, $2, $3, $4, 1, $5, '{"correlationId":"corr-${code}","causationId":null,"actor":"test"}', now())`,
      [eventId, streamId, version, eventType, JSON.stringify({ code, reason: 'test' })],
    );
    await harness.db.query(`select pg_notify('event_log', '')`);
    return { eventId, streamId };
  }

  async function processesOf(code: string): Promise<{ id: string; status: string; state: ToyState; version: number }[]> {
    const { rows } = await harness.db.query('select id, status, state, version from process where type = $1 and key = $2', [type, code]);
    return rows;
  }

  async function statusOf(code: string): Promise<string | null> {
    return (await processesOf(code))[0]?.status ?? null;
  }

  beforeAll(async () => {
    provider.register();
    await harness.declareTopology();
    await harness.startRelay();
  });

  afterEach(async () => {
    for (const instance of [...running]) await stopInstance(instance.manager);
  });

  afterAll(async () => {
    await harness.db.query('delete from process where type = any($1::text[])', [[type, follower.type]]);
    await harness.db.query('delete from event_log where stream_id like $1', [`country:${codePrefix}%`]);
    await harness.db.query('delete from parked_message where scope = $1', [`${harness.config.BROKER_PREFIX}.processes`]);
    await harness.db.query('delete from parked_key where scope = $1', [`${harness.config.BROKER_PREFIX}.processes`]);
    await harness.cleanUp();
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it('given an event in the log, when it is delivered twice, then one process starts and its command goes out once, with the process as causation', async () => {
    await startInstance('a', true);
    const code = `${codePrefix}A`;
    const { eventId, streamId } = await deactivate(code);
    expect(await eventually(async () => (await processesOf(code))[0]?.state.greeted === true, 10_000)).toBe(true);

    // The same message again, as a redelivery or a republishing relay would hand it out.
    const before = consumed.count;
    await publishAgain(harness.config.RABBITMQ_URL, harness.topology.processQueue, envelope(eventId, streamId, code));
    expect(await eventually(() => consumed.count > before, 10_000)).toBe(true);

    const processes = await processesOf(code);
    expect(processes).toEqual([
      { id: `${type}:${eventId}`, status: 'running', state: { code, greeted: true, expiredAt: null }, version: 2 },
    ]);
    const handled = await harness.db.query('select message_id from process_handled_message where process_id = $1 order by message_id', [processes[0].id]);
    expect(handled.rows.map((row) => row.message_id).sort()).toEqual(['command:1', eventId].sort());
    const greetings = sent.filter((s) => s.command.name === 'greet' && s.command.payload && (s.command.payload as { code: string }).code === code);
    expect(greetings).toEqual([
      { command: { name: 'greet', payload: { code } }, metadata: { correlationId: `corr-${code}`, causationId: processes[0].id, actor: `process:${type}` }, instance: 'a', at: expect.any(Number) },
    ]);
  });

  it('given two instances polling, when the deadlines of many processes pass, then each fires exactly once', async () => {
    await startInstance('a', true);
    await startInstance('b', true);
    const codes = Array.from({ length: 8 }, (_, i) => `${codePrefix}M${i}`);
    for (const code of codes) await deactivate(code);

    const allDone = async () => (await Promise.all(codes.map(statusOf))).every((status) => status === 'completed');
    expect(await eventually(allDone, 20_000, 100)).toBe(true);
    await sleep(500);

    const farewells = sent.filter((s) => s.command.name === 'farewell' && codes.includes((s.command.payload as { code: string }).code));
    expect(farewells.map((s) => (s.command.payload as { code: string }).code).sort()).toEqual([...codes].sort());
    const fired = await harness.db.query(
      `select count(*)::int as count from process_handled_message m join process p on p.id = m.process_id
       where p.type = $1 and p.key = any($2::text[]) and m.message_id like 'deadline:expire:%'`,
      [type, codes],
    );
    expect(fired.rows[0].count).toBe(codes.length);
    const left = await harness.db.query('select count(*)::int as count from process_deadline d join process p on p.id = d.process_id where p.key = any($1::text[])', [codes]);
    expect(left.rows[0].count).toBe(0);
  });

  it('given a command that fails once for a passing reason, when it is retried, then the process hears only of its success', async () => {
    await startInstance('a', true);
    const code = `${codePrefix}FLAKY`;
    await deactivate(code);

    expect(await eventually(async () => (await processesOf(code))[0]?.state.greeted === true, 10_000)).toBe(true);
    const commands = await harness.db.query(
      `select c.seq, c.status, c.attempts, c.last_error as "lastError" from process_command c join process p on p.id = c.process_id where p.type = $1 and p.key = $2`,
      [type, code],
    );
    expect(commands.rows).toEqual([{ seq: 1, status: 'succeeded', attempts: 2, lastError: 'Error: the broker blinked' }]);
    // The failure that was retried is an event of its step's span, not an error.
    const [{ id }] = await processesOf(code);
    expect(stepSpans('process command greet', id)).toEqual([
      { status: SpanStatusCode.UNSET, events: ['retried'], attempt: 1 },
      { status: SpanStatusCode.UNSET, events: [], attempt: 2 },
    ]);
  });

  it('given a command failing for a passing reason while a deadline is pending, when its attempts run out, then it is sent again until the deadline ends the wait', async () => {
    await startInstance('a', true);
    const code = `${codePrefix}OUTAGE`;
    await deactivate(code);

    expect(await eventually(async () => (await statusOf(code)) === 'completed', 10_000)).toBe(true);
    const [{ state }] = await processesOf(code);
    // Ended by its deadline, never told of a failure while the deadline was pending.
    expect(state.expiredAt).not.toBe('never');
    const greetsBeforeDeadline = sent.filter((s) => s.command.name === 'greet' && (s.command.payload as { code: string }).code === code && s.at < Date.parse(state.expiredAt!));
    expect(greetsBeforeDeadline.length).toBeGreaterThan(harness.config.PROCESS_COMMAND_MAX_ATTEMPTS);
  });

  it('given a command refused for good, when it is sent, then the process is told once and records why', async () => {
    await startInstance('a', true);
    const code = `${codePrefix}REFUSED`;
    await deactivate(code);

    expect(await eventually(async () => (await statusOf(code)) === 'completed', 10_000)).toBe(true);
    const { rows } = await harness.db.query('select last_error as "lastError", state from process where type = $1 and key = $2', [type, code]);
    expect(rows).toEqual([{ lastError: 'RefusedError: refused for good', state: { code, greeted: false, expiredAt: 'never' } }]);
    expect(sent.filter((s) => (s.command.payload as { code: string }).code === code).map((s) => s.command.name)).toEqual(['greet']);
    const [{ id }] = await processesOf(code);
    expect(stepSpans('process command greet', id)).toEqual([{ status: SpanStatusCode.ERROR, events: ['exception'], attempt: 1 }]);
  });

  it('given a command refused for good, when an operator retries it, then it is sent again as it was and its new answer reaches the process', async () => {
    const manager = await startInstance('a', true);
    const code = `${codePrefix}RETRIED`;
    await deactivate(code);
    expect(await eventually(async () => (await statusOf(code)) === 'completed', 10_000)).toBe(true);
    const [ended] = await processesOf(code);

    expect(await manager.runner.retry(ended.id, 'operator')).toEqual({ outcome: 'retried', command: 'greet' });

    expect(await eventually(async () => (await processesOf(code))[0]?.state.greeted === true, 10_000)).toBe(true);
    const { rows } = await harness.db.query(
      `select p.status, p.last_error as "lastError", c.seq, c.status as "commandStatus", c.attempts, c.last_error as "commandError", c.reissues
       from process p join process_command c on c.process_id = p.id where p.id = $1`,
      [ended.id],
    );
    expect(rows).toEqual([{ status: 'running', lastError: null, seq: 1, commandStatus: 'succeeded', attempts: 1, commandError: null, reissues: 1 }]);
    const handled = await harness.db.query('select message_id from process_handled_message where process_id = $1 and message_id not like $2', [ended.id, '%-%']);
    expect(handled.rows.map((row) => row.message_id).sort()).toEqual(['command:1', 'command:1:1', 'retry:1:1']);
    const greetings = sent.filter((s) => s.command.name === 'greet' && (s.command.payload as { code: string }).code === code);
    expect(greetings.map((s) => s.command)).toEqual([{ name: 'greet', payload: { code } }, { name: 'greet', payload: { code } }]);
    // Nothing has failed now: a second retry finds nothing to send.
    expect(await manager.runner.retry(ended.id, 'operator')).toEqual({ outcome: 'nothing-failed' });
  });

  it('given a process that starts only after another completed, when its event comes before and after, then it starts only after', async () => {
    await startInstance('a', true);
    const code = `${codePrefix}AFTER`;
    await deactivate(code);
    expect(await eventually(async () => (await statusOf(code)) === 'running', 10_000)).toBe(true);
    const before = consumed.count;
    const early = await deactivate(code, 'CountryActivated', 2);
    // Taken in while the toy still runs: the follower must not start from it.
    expect(await eventually(() => consumed.count > before, 10_000)).toBe(true);
    expect(await statusOf(code)).toBe('running');
    expect(await eventually(async () => (await statusOf(code)) === 'completed', 10_000)).toBe(true);

    const late = await deactivate(code, 'CountryActivated', 3);

    const followers = async () => (await harness.db.query('select id from process where type = $1 and key = $2', [follower.type, code])).rows;
    expect(await eventually(async () => (await followers()).length > 0, 10_000)).toBe(true);
    expect(await followers()).toEqual([{ id: `${follower.type}:${late.eventId}` }]);
    expect(early.eventId).not.toBe(late.eventId);
  });

  it('given a running process, when its instance stops and another starts, then the state is reloaded and the deadline still fires', async () => {
    const first = await startInstance('before-restart', true);
    const code = `${codePrefix}R`;
    await deactivate(code);
    expect(await eventually(async () => (await processesOf(code))[0]?.state.greeted === true, 10_000)).toBe(true);
    await stopInstance(first);
    expect(await statusOf(code)).toBe('running');

    await startInstance('after-restart', true);

    expect(await eventually(async () => (await statusOf(code)) === 'completed', 10_000)).toBe(true);
    const [process] = await processesOf(code);
    expect(process.state).toMatchObject({ code, greeted: true, expiredAt: expect.any(String) });
    const farewells = sent.filter((s) => s.command.name === 'farewell' && (s.command.payload as { code: string }).code === code);
    expect(farewells.map((s) => s.instance)).toEqual(['after-restart']);
    expect(stepSpans('process deadline expire', process.id)).toEqual([{ status: SpanStatusCode.UNSET, events: [], attempt: undefined }]);
  });
});

function envelope(eventId: string, streamId: string, code: string): EventEnvelope {
  return {
    envelopeVersion: ENVELOPE_VERSION,
    eventId,
    type: 'CountryDeactivated',
    schemaVersion: 1,
    streamId,
    streamVersion: 1,
    position: '1',
    occurredAt: new Date().toISOString(),
    correlationId: `corr-${code}`,
    causationId: null,
    actor: 'test',
    data: { code, reason: 'test' },
  };
}

async function publishAgain(url: string, queue: string, message: EventEnvelope): Promise<void> {
  const connection = await connect(url);
  const channel = await connection.createConfirmChannel();
  channel.sendToQueue(queue, Buffer.from(JSON.stringify(message)), publishOptions(message));
  await channel.waitForConfirms();
  await connection.close();
}

const QUIET: LoggerService = { log: () => undefined, error: () => undefined, warn: () => undefined, debug: () => undefined, verbose: () => undefined };
