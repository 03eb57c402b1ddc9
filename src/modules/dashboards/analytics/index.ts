export type { DecimalInput } from './analytics-decimal';
export { compoundAnnualGrowthRate, type CagrInput } from './compound-annual-growth';
export { herfindahlHirschmanIndex } from './concentration';
export { marketShare } from './market-share';
export { seasonalityIndex, type MonthlyValue, type MonthSeasonality, type SeasonalityWindow } from './seasonality-index';
export { yearOnYearGrowth } from './year-on-year-growth';
