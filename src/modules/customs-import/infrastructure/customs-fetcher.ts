import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { Clock } from '../../../platform/cqrs/clock';
import { CustomsQuotaExhaustedError } from '../customs-import.errors';
import { ImportUnit } from '../domain/import-unit';
import { SourceRow } from '../domain/source-row';
import { CustomsClient } from './customs-client';
import { CustomsCallGate } from './customs-call-gate';
import { CustomsRecord } from './customs-response.parser';
import { nextQuotaReset } from './customs-retry';
import type { FetchedUnit } from './import-job.repository';

/**
 * One unit's call to the customs service. The client retries transient failures; every attempt,
 * retries included, passes the quota counter and the rate limiter first. Throws the client's typed
 * errors; a transient failure that outlasts the retries is a CustomsRetriesExhaustedError.
 */
@Injectable()
export class CustomsFetcher {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly gate: CustomsCallGate,
    private readonly clock: Clock,
  ) {}

  async fetch(unit: ImportUnit): Promise<FetchedUnit> {
    const response = await this.client().fetchUnit(unit);
    return { total: response.total && { valueUsd: response.total.expDlr, weightKg: response.total.expWgt }, rows: response.rows.map(toSourceRow) };
  }

  private client(): CustomsClient {
    return new CustomsClient({
      baseUrl: this.config.CUSTOMS_API_URL,
      serviceKey: this.config.CUSTOMS_SERVICE_KEY ?? '',
      timeoutMs: this.config.CUSTOMS_TIMEOUT_MS,
      retries: this.config.CUSTOMS_RETRIES,
      backoffBaseMs: this.config.CUSTOMS_RETRY_BASE_MS,
      backoffMaxMs: this.config.CUSTOMS_RETRY_MAX_MS,
      quotaResetHour: this.config.CUSTOMS_QUOTA_RESET_HOUR,
      now: () => this.clock.now(),
      eachAttempt: (attempt) => this.throughGate(attempt),
    });
  }

  private async throughGate<T>(attempt: () => Promise<T>): Promise<T> {
    if (!(await this.gate.takeQuota(this.clock.now()))) throw new CustomsQuotaExhaustedError(nextQuotaReset(this.clock.now(), this.config.CUSTOMS_QUOTA_RESET_HOUR));
    return this.gate.throttled(attempt);
  }
}

/** `2026.08` becomes `2026-08`; the import figures stay behind (README, "customs import"). */
function toSourceRow(record: CustomsRecord): SourceRow {
  return {
    partner: record.statCd.trim(),
    partnerName: record.statCdCntnKor1.trim(),
    hsCode: record.hsCd.trim(),
    period: record.year.trim().replace('.', '-'),
    valueUsd: record.expDlr.trim(),
    weightKg: record.expWgt.trim(),
  };
}
