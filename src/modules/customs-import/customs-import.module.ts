import { Module } from '@nestjs/common';
import { CustomsImportWorkersHost } from './customs-import-workers.host';
import { CustomsImportResolver } from './customs-import.resolver';
import { CustomsImportService } from './customs-import.service';
import { CustomsImportStatus } from './customs-import.status';
import { HS_TREE, PARTNER_REFERENCE } from './customs-import.tokens';
import { CustomsImportWorker } from './customs-import.worker';
import { CustomsCallGate } from './infrastructure/customs-call-gate';
import { CustomsFetcher } from './infrastructure/customs-fetcher';
import { CustomsWorkQueues } from './infrastructure/customs-work-queues';
import { ImportJobRepository } from './infrastructure/import-job.repository';
import { CustomsImportProgressResolver } from './customs-import-progress.resolver';
import { nomenclatureHsTree } from './infrastructure/nomenclature-hs-tree';
import { committedPartnerReference } from './infrastructure/partner-reference';
import { UnitProcessor } from './unit-processor';

/** The customs import: its service for operators, and its workers (when CUSTOMS_IMPORT_WORKERS is on). */
@Module({
  providers: [
    { provide: HS_TREE, useFactory: () => nomenclatureHsTree() },
    { provide: PARTNER_REFERENCE, useFactory: () => committedPartnerReference() },
    ImportJobRepository,
    CustomsCallGate,
    CustomsFetcher,
    CustomsWorkQueues,
    UnitProcessor,
    CustomsImportWorker,
    CustomsImportWorkersHost,
    CustomsImportService,
    CustomsImportStatus,
    CustomsImportResolver,
    CustomsImportProgressResolver,
  ],
  exports: [CustomsImportService, CustomsImportStatus],
})
export class CustomsImportModule {}
