export { RATIO_DECIMAL_PLACES, type DecimalInput } from './analytics-decimal';
export { compoundAnnualGrowthRate, type CagrInput } from './compound-annual-growth';
export { herfindahlHirschmanIndex } from './concentration';
export { marketShare, marketShares } from './market-share';
export { seasonalityIndex, type MonthlyValue, type MonthSeasonality } from './seasonality-index';
export { rankTopN, type Ranked, type RankingCriteria, type TopNRanking } from './top-n-ranking';
export { yearOnYearGrowth } from './year-on-year-growth';
