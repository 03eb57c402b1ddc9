import { Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import { CustomsImportScheduleHost } from './customs-import-schedule.host';
import { SCHEDULED_IMPORT_STARTER, type ScheduledImportStarter } from './scheduled-import-starter';

/**
 * The schedule, bound to whatever starts imports:
 * `CustomsImportScheduleModule.register({ imports: [CustomsImportModule], starter: CustomsImportService })`
 * where the module exports the service and the service implements ScheduledImportStarter.
 */
@Module({})
export class CustomsImportScheduleModule {
  static register(options: { imports: ModuleMetadata['imports']; starter: Type<ScheduledImportStarter> }): DynamicModule {
    return {
      module: CustomsImportScheduleModule,
      imports: options.imports,
      providers: [{ provide: SCHEDULED_IMPORT_STARTER, useExisting: options.starter }, CustomsImportScheduleHost],
    };
  }
}
