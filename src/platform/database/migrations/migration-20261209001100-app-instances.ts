import { Migration } from '@mikro-orm/migrations';

/**
 * The live instances of a deployment (scope: its broker prefix) with their heartbeats, and the
 * requests made of every one of them (a country process's cache refresh): one row per request and
 * instance, done by that instance, then reported (done, or left: its heartbeat lapsed first).
 */
export class Migration20261209001100AppInstances extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table app_instance (
        scope        text        not null,
        id           text        not null,
        host         text        not null,
        pid          integer     not null,
        started_at   timestamptz not null default now(),
        heartbeat_at timestamptz not null default now(),
        primary key (scope, id)
      )`);
    this.addSql(`
      create table app_instance_request (
        scope        text        not null,
        request_id   text        not null,
        instance_id  text        not null,
        topic        text        not null,
        payload      jsonb       not null,
        reply        jsonb       not null,
        requested_at timestamptz not null default now(),
        done_at      timestamptz,
        reported_at  timestamptz,
        primary key (scope, request_id, instance_id)
      )`);
    this.addSql('create index app_instance_request_open on app_instance_request (scope, instance_id) where reported_at is null');
  }

  override async down(): Promise<void> {
    this.addSql('drop table app_instance_request');
    this.addSql('drop table app_instance');
  }
}
