import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Periodic } from '../concurrency/periodic';
import { ChannelListener } from '../database/channel-listener';
import { PG_POOL, type SqlPool } from '../database/pg-pool';
import { ProcessManagerHost } from '../process-manager/process-manager.host';
import { WakeSignal } from '../relay/wake-signal';
import { InstanceRegistry } from './instance-registry';

const CHANNEL = 'app_instance_request';

/** Where the instances' answers go: signals to a live process, one per instance. */
export interface InstanceReply {
  readonly processType: string;
  readonly processKey: string;
  /** Signal type of an instance that did it (`InstanceCachesRefreshed`), and of one that left first (`InstanceLeft`). */
  readonly done: string;
  readonly left: string;
}

type TaskRunner = (payload: Readonly<Record<string, unknown>>) => Promise<void>;

interface OpenRow {
  readonly requestId: string;
  readonly instanceId: string;
  readonly topic: string;
  readonly payload: Record<string, unknown>;
  readonly reply: InstanceReply;
  readonly done: boolean;
  readonly live: boolean;
}

/**
 * Something every live instance must do, and someone told when each has (a country process: every
 * instance refreshes its country caches). `ask` writes one row per live instance and NOTIFYs; each
 * instance does its rows (woken by the NOTIFY, or its next heartbeat when one was missed) with the
 * tasks its contexts registered for the topic, and marks them done. Where processes run, a reporter
 * signals each row: done, or left when the instance's heartbeat lapsed first. Every step is a row
 * in PostgreSQL, so a restart of any instance loses nothing, and a request asked again (the process
 * manager re-sends a command it could not confirm) answers the same instances.
 */
@Injectable()
export class InstanceRequests implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('InstanceRequests');
  private readonly tasks = new Map<string, TaskRunner[]>();
  private readonly loop = new Periodic();
  private readonly wake = new WakeSignal();
  private listener: ChannelListener | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PG_POOL) private readonly pool: SqlPool,
    private readonly registry: InstanceRegistry,
    private readonly processes: ProcessManagerHost,
  ) {}

  /** A context's part of a topic, run in this instance for every request of it. */
  register(topic: string, run: TaskRunner): void {
    this.tasks.set(topic, [...(this.tasks.get(topic) ?? []), run]);
  }

  /** Asks every live instance; answers the instances asked (the first time's, when asked again). */
  async ask(requestId: string, topic: string, payload: Readonly<Record<string, unknown>>, reply: InstanceReply): Promise<string[]> {
    const { rows } = await this.pool.query<{ instanceId: string }>(
      `with asked as (
         insert into app_instance_request (scope, request_id, instance_id, topic, payload, reply)
         select $1, $2, i.id, $3, $4::jsonb, $5::jsonb from app_instance i
         where i.scope = $1 and i.heartbeat_at > now() - make_interval(secs => $6::double precision / 1000)
           and not exists (select 1 from app_instance_request r where r.scope = $1 and r.request_id = $2)
         on conflict do nothing returning instance_id)
       select instance_id as "instanceId" from asked
       union select instance_id from app_instance_request where scope = $1 and request_id = $2
       order by 1`,
      [this.registry.scope, requestId, topic, JSON.stringify(payload), JSON.stringify(reply), this.config.INSTANCE_TIMEOUT_MS],
    );
    await this.pool.query('select pg_notify($1, $2)', [CHANNEL, this.registry.scope]);
    return rows.map((row) => row.instanceId);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.listener = new ChannelListener(this.config.DATABASE_URL, `instance-listen:${this.config.BROKER_PREFIX}`, CHANNEL, (scope) => {
      if (scope === this.registry.scope) this.wake.wake();
    });
    await this.listener.start();
    const round = async () => {
      await this.wake.wait(this.config.INSTANCE_HEARTBEAT_MS);
      await this.runOnce();
    };
    this.loop.start(round, 0, (error) => this.logger.warn(`instance requests failed, tried again: ${String(error)}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    const stopped = this.loop.stop();
    this.wake.wake();
    await stopped;
    await this.listener?.stop();
  }

  /** Does this instance's open rows, then reports what can be (where processes run). */
  async runOnce(): Promise<void> {
    for (const row of await this.open()) {
      if (row.instanceId === this.registry.id && !row.done) await this.doRow(row);
      else if (this.processes.running && (row.done || !row.live)) await this.report(row, row.done ? row.reply.done : row.reply.left);
    }
  }

  private async doRow(row: OpenRow): Promise<void> {
    for (const run of this.tasks.get(row.topic) ?? []) await run(row.payload);
    await this.pool.query('update app_instance_request set done_at = now() where scope = $1 and request_id = $2 and instance_id = $3', [
      this.registry.scope,
      row.requestId,
      row.instanceId,
    ]);
    if (this.processes.running) await this.report({ ...row, done: true }, row.reply.done);
  }

  /** A signal's id names the request and the instance: two reporters, or a report sent again, change nothing. */
  private async report(row: OpenRow, type: string): Promise<void> {
    const { processType, processKey } = row.reply;
    await this.processes.signal(processType, processKey, { type, data: { instanceId: row.instanceId } }, `instance:${row.requestId}:${row.instanceId}`);
    await this.pool.query('update app_instance_request set reported_at = now() where scope = $1 and request_id = $2 and instance_id = $3', [
      this.registry.scope,
      row.requestId,
      row.instanceId,
    ]);
  }

  private async open(): Promise<OpenRow[]> {
    const { rows } = await this.pool.query<OpenRow>(
      `select r.request_id as "requestId", r.instance_id as "instanceId", r.topic, r.payload, r.reply, r.done_at is not null as done,
              coalesce(i.heartbeat_at > now() - make_interval(secs => $2::double precision / 1000), false) as live
       from app_instance_request r left join app_instance i on i.scope = r.scope and i.id = r.instance_id
       where r.scope = $1 and r.reported_at is null order by r.requested_at limit 100`,
      [this.registry.scope, this.config.INSTANCE_TIMEOUT_MS],
    );
    return rows;
  }
}
