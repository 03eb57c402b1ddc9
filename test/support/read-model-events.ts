import type { StoredEvent } from '../../src/platform/event-log/event-log.types';

/**
 * Stored events for read-model tests, built in memory: the projector is fed exactly what the log
 * or the broker would hand it, without going through the write side.
 */
let nextPosition = 1;

function envelope(streamId: string, streamVersion: number, type: string, data: object, occurredAt: Date): StoredEvent {
  const position = String(nextPosition++);
  return {
    position,
    transactionId: position,
    eventId: `00000000-0000-4000-8000-${position.padStart(12, '0')}`,
    streamId,
    streamVersion,
    type,
    schemaVersion: 1,
    data,
    metadata: { correlationId: 'test', causationId: null, actor: 'test' },
    occurredAt,
  };
}

const AT = new Date('2026-09-01T00:00:00Z');

export const statisticEvents = {
  recorded: (key: [string, string, string], version: number, valueUsd: string, weightKg: string, at = AT) =>
    envelope(`statistic:${key.join('-')}`, version, 'ExportStatisticRecorded', { countryCode: key[0], hsCode: key[1], period: key[2], valueUsd, weightKg }, at),
  revised: (key: [string, string, string], version: number, valueUsd: string, weightKg: string, previous: [string, string] = ['0.00', '0.000'], at = AT) =>
    envelope(
      `statistic:${key.join('-')}`,
      version,
      'ExportStatisticRevised',
      { countryCode: key[0], hsCode: key[1], period: key[2], valueUsd, weightKg, previousValueUsd: previous[0], previousWeightKg: previous[1] },
      at,
    ),
  retracted: (key: [string, string, string], version: number, reason = 'entered twice', at = AT) =>
    envelope(
      `statistic:${key.join('-')}`,
      version,
      'ExportStatisticRetracted',
      { countryCode: key[0], hsCode: key[1], period: key[2], reason, previousValueUsd: '0.00', previousWeightKg: '0.000' },
      at,
    ),
  thresholdExceeded: (key: [string, string, string], version: number, valueUsd: string, at = AT) =>
    envelope(`statistic:${key.join('-')}`, version, 'ExportThresholdExceeded', { countryCode: key[0], hsCode: key[1], period: key[2], valueUsd, thresholdUsd: '1000000.00' }, at),
};

export const countryEvents = {
  registered: (code: string, nameEn: string, nameKo: string, region: { code: string; nameEn: string; nameKo: string } | null = null, at = AT) =>
    envelope(`country:${code}`, 1, 'CountryRegistered', { code, nameEn, nameKo, region }, at),
  deactivated: (code: string, version: number, reason = 'sanctions', at = AT) => envelope(`country:${code}`, version, 'CountryDeactivated', { code, reason }, at),
  activated: (code: string, version: number, at = AT) => envelope(`country:${code}`, version, 'CountryActivated', { code }, at),
};

export const productEvents = {
  created: (code: string, descriptionEn: string, descriptionKo: string | null = null, section: string | null = null, at = AT) =>
    envelope(
      `product:${code}`,
      1,
      'ProductCategoryCreated',
      { code, level: code.length, parentCode: code.length > 2 ? code.slice(0, code.length === 10 ? 6 : code.length - 2) : null, section, descriptionEn, descriptionKo },
      at,
    ),
  renamed: (code: string, version: number, descriptionEn: string, descriptionKo: string | null, at = AT) =>
    envelope(`product:${code}`, version, 'ProductCategoryRenamed', { code, descriptionEn, descriptionKo }, at),
};

/** China as facts and summaries denormalize it (UN M49: Eastern Asia, Asia), for projector tests. */
export const CHINA_NAMES = {
  countryNameEn: 'China',
  countryNameKo: '중국',
  regionCode: '030',
  regionNameEn: 'Eastern Asia',
  regionNameKo: '동아시아',
  continentCode: '142',
  continentNameEn: 'Asia',
  continentNameKo: '아시아',
} as const;
