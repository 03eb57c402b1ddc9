import { Period } from '../../src/kernel/period';
import type { StatisticInput } from '../../src/modules/statistics/statistic-input';

const COUNTRIES = ['CN', 'US', 'VN', 'JP', 'HK', 'TW', 'SG', 'IN', 'AU', 'MX', 'DE', 'MY', 'PH', 'ID', 'TH', 'CA'];
const CHAPTERS = ['85', '87', '84', '27', '39', '72', '89', '90', '29', '40'];

/**
 * The i-th distinct statistic of a run: real countries and chapters, synthetic 10-digit national
 * codes, months of 1990-2025. `salt` keeps separate runs on one database from colliding.
 */
export function benchStatistic(i: number, salt: number): StatisticInput {
  const country = COUNTRIES[i % COUNTRIES.length];
  const rest = Math.floor(i / COUNTRIES.length);
  const month = (rest % 12) + 1;
  const year = 1990 + ((Math.floor(rest / 12) + salt) % 36);
  const serial = Math.floor(rest / 432);
  const chapter = CHAPTERS[serial % CHAPTERS.length];
  const national = String(Math.floor(serial / CHAPTERS.length) * 97 + salt).padStart(8, '0').slice(-8);
  return {
    countryCode: country,
    hsCode: `${chapter}${national}`,
    period: Period.of(year, month).toString(),
    valueUsd: String(1000 + (i % 900_000)),
    weightKg: String(10 + (i % 5000)),
  };
}
