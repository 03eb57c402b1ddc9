import { Command } from '@nestjs/cqrs';

/**
 * Countries or HS chapters were just registered: re-read the ones a statistic may name now rather
 * than on the next miss. Without it an instance still learns them, but only on the first command
 * that names one, and at most once a second (see StatisticReferenceCache).
 */
export class RefreshStatisticReferenceCommand extends Command<void> {}
