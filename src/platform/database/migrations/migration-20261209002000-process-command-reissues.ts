import { Migration } from '@mikro-orm/migrations';

/**
 * How many times an operator sent a failed process command again (ADR 0012, retry). A retry
 * clears the row's attempts and error; the count tells the rounds apart, so the answer of each
 * round reaches the process under an id of its own (`command:<seq>:<reissues>`).
 */
export class Migration20261209002000ProcessCommandReissues extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table process_command add column reissues int not null default 0 check (reissues >= 0)');
  }

  override async down(): Promise<void> {
    this.addSql('alter table process_command drop column reissues');
  }
}
