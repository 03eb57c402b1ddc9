import { Migration } from '@mikro-orm/migrations';

/**
 * The read model's state in PostgreSQL (its documents live in Elasticsearch).
 *
 * `projection_checkpoint`: per consumer (a shard, the fan-out queue), the (transaction id,
 * position) of the last event or watermark whose effects are searchable. "The projections have
 * passed position P" is decided from these rows (docs/read-model.md). `index_prefix` keeps the
 * read models of several deployments or test runs on one database apart.
 *
 * `read_model_rebuild`: one row per rebuild, its progress for `rebuildProgress`, and while it
 * runs, the generation that live projectors must also write to. At most one runs per prefix.
 */
export class Migration20261121000400ReadModel extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table projection_checkpoint (
        index_prefix    text        not null,
        consumer        text        not null,
        transaction_id  xid8        not null,
        position        bigint      not null,
        updated_at      timestamptz not null default now(),
        primary key (index_prefix, consumer)
      )`);
    this.addSql(`
      create table read_model_rebuild (
        id                uuid        primary key,
        index_prefix      text        not null,
        status            text        not null check (status in ('running', 'completed', 'failed')),
        phase             text        not null,
        from_generation   integer,
        to_generation     integer     not null,
        total_events      bigint      not null default 0,
        processed_events  bigint      not null default 0,
        requested_by      text        not null,
        started_at        timestamptz not null,
        heartbeat_at      timestamptz not null,
        finished_at       timestamptz,
        error             text
      )`);
    this.addSql(`create unique index read_model_rebuild_one_running on read_model_rebuild (index_prefix) where status = 'running'`);
    this.addSql(`create index read_model_rebuild_latest on read_model_rebuild (index_prefix, started_at desc)`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists read_model_rebuild');
    this.addSql('drop table if exists projection_checkpoint');
  }
}
