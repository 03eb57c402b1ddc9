import { Migration } from '@mikro-orm/migrations';

/**
 * Lets a multi-change write check its own counts and fail as one statement, so that it needs no
 * explicit transaction (begin and commit were two of its three round trips). A lost race raises
 * SQLSTATE EL001, which AggregateStore reads as "decide again".
 */
export class Migration20261121000500ExpectSaved extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function event_log_expect_saved(saved int, expected int) returns int
      language plpgsql volatile as $$
      begin
        if saved <> expected then
          raise exception 'only % of % aggregate changes matched their expected version', saved, expected
            using errcode = 'EL001';
        end if;
        return saved;
      end $$`);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists event_log_expect_saved(int, int)');
  }
}
