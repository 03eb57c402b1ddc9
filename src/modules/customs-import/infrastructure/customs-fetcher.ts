import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { Clock } from '../../../platform/cqrs/clock';
import { CustomsApiError, CustomsQuotaExhaustedError, CustomsRetriesExhaustedError } from '../customs-import.errors';
import { ImportUnit } from '../domain/import-unit';
import { SourceRow } from '../domain/source-row';
import { CustomsClient } from './customs-client';
import { CustomsCallGate } from './customs-call-gate';
import { CustomsRecord } from './customs-response.parser';
import { backoffDelay, nextQuotaReset } from './customs-retry';
import type { FetchedUnit } from './import-job.repository';

/**
 * One unit's call to the customs service, retried here rather than in the client so that every
 * attempt passes the quota counter and the rate limiter. Throws the client's typed errors; a
 * transient failure that outlasts the retries is a CustomsRetriesExhaustedError.
 */
@Injectable()
export class CustomsFetcher {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly gate: CustomsCallGate,
    private readonly clock: Clock,
  ) {}

  async fetch(unit: ImportUnit): Promise<FetchedUnit> {
    const client = this.client();
    for (let attempt = 1; ; attempt += 1) {
      if (!(await this.gate.takeQuota(this.clock.now()))) throw new CustomsQuotaExhaustedError(nextQuotaReset(this.clock.now(), this.config.CUSTOMS_QUOTA_RESET_HOUR));
      try {
        const response = await this.gate.throttled(() => client.fetchUnit(unit));
        return { total: response.total && { valueUsd: response.total.expDlr, weightKg: response.total.expWgt }, rows: response.rows.map(toSourceRow) };
      } catch (raw) {
        const error = raw instanceof CustomsRetriesExhaustedError ? raw.lastError : raw;
        if (!(error instanceof CustomsApiError) || !error.transient) throw error;
        if (attempt > this.config.CUSTOMS_RETRIES) throw new CustomsRetriesExhaustedError(attempt, error);
        await sleep(backoffDelay(attempt - 1, this.config.CUSTOMS_RETRY_BASE_MS, this.config.CUSTOMS_RETRY_MAX_MS, Math.random));
      }
    }
  }

  private client(): CustomsClient {
    return new CustomsClient({
      baseUrl: this.config.CUSTOMS_API_URL,
      serviceKey: this.config.CUSTOMS_SERVICE_KEY ?? '',
      timeoutMs: this.config.CUSTOMS_TIMEOUT_MS,
      retries: 0,
      quotaResetHour: this.config.CUSTOMS_QUOTA_RESET_HOUR,
      now: () => this.clock.now(),
    });
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
