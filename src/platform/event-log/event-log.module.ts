import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Global, Module } from '@nestjs/common';
import { Clock } from '../cqrs/clock';
import { PgPoolModule } from '../database/pg-pool';
import { AggregateStore } from './aggregate-store';
import { EventLogEntrySchema } from './event-log-entry.entity';
import { EventLogReader } from './event-log.reader';
import { LogDoorbell } from './log-doorbell';

/** The write side's persistence: aggregates with their events, and the log read back. */
@Global()
@Module({
  imports: [PgPoolModule, MikroOrmModule.forFeature([EventLogEntrySchema])],
  providers: [AggregateStore, EventLogReader, LogDoorbell, Clock],
  exports: [AggregateStore, EventLogReader, LogDoorbell, Clock],
})
export class EventLogModule {}
