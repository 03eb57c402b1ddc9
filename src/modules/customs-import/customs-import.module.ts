import { Module } from '@nestjs/common';
import { CustomsImportWorkersHost } from './customs-import-workers.host';
import { CustomsImportResolver } from './customs-import.resolver';
import { CustomsImportService } from './customs-import.service';
import { CustomsImportStatus } from './customs-import.status';
import { HS_TREE, PARTNER_REFERENCE } from './customs-import.tokens';
import { CustomsImportWorker } from './customs-import.worker';
import { CustomsCallGate } from './infrastructure/customs-call-gate';
import { CustomsFetcher } from './infrastructure/customs-fetcher';
import { CustomsImportGauges } from './infrastructure/customs-import-gauges';
import { CustomsPublishedMonths } from './infrastructure/customs-published-months';
import { CustomsWorkQueues } from './infrastructure/customs-work-queues';
import { ImportJobRepository } from './infrastructure/import-job.repository';
import { CustomsImportProgressResolver } from './customs-import-progress.resolver';
import { nomenclatureHsTree } from './infrastructure/nomenclature-hs-tree';
import { committedPartnerReference } from './infrastructure/partner-reference';
import { UnitProcessor } from './unit-processor';

/**
 * The customs import: its service for operators, its workers (when CUSTOMS_IMPORT_WORKERS is on),
 * and the month it has published, which the app wires into the dashboards.
 */
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
    CustomsImportGauges,
    CustomsPublishedMonths,
    CustomsImportProgressResolver,
  ],
  exports: [CustomsImportService, CustomsImportStatus, CustomsPublishedMonths],
})
export class CustomsImportModule {}
