/**
 * The GraphQL documents the page sends, and the shapes it reads back: only the public schema
 * (schema.graphql). Every read takes `consistency`, so a live update's position can be passed on.
 */
export interface Consistency {
  readonly atLeastPosition: string;
}

export interface Span {
  from: string;
  to: string;
  months: number;
}
export interface Coverage {
  base: Span;
  current: Span;
}
export interface Cagr {
  fromYear: number;
  toYear: number;
  rate: string | null;
  covers: Coverage;
}
export interface Names {
  nameEn: string | null;
  nameKo: string | null;
}
export interface PartnerShare extends Names {
  rank: number;
  countryCode: string;
  valueUsd: string;
  share: string | null;
}
export interface ProductShare extends Names {
  rank: number;
  hsCode: string;
  level: number;
  valueUsd: string;
  share: string | null;
}
export interface Point {
  period: string;
  year: number;
  month: number;
  valueUsd: string;
}
export interface Figures {
  valueUsd: string;
  weightKg: string;
  statisticCount: number;
}
export interface Trend {
  cagr: Cagr | null;
  points: Point[];
  publishedThrough: string | null;
  fresh: boolean | null;
}

const COVERAGE = 'fragment coverage on RateCoverage { base { from to months } current { from to months } }';
const FIGURES = '{ valueUsd weightKg statisticCount }';
const TREND = 'cagr { fromYear toYear rate covers { ...coverage } } points { period year month valueUsd } publishedThrough fresh';

export interface DashboardData {
  summary: {
    total: Figures;
    yoyGrowth: string | null;
    yoyGrowthCovers: Coverage | null;
    partnerCount: number;
    productCount: number;
    partnerHhi: string | null;
    publishedThrough: string | null;
    openAlertCount: number;
    fresh: boolean | null;
  };
  partners: { totalCount: number; fresh: boolean | null; edges: { node: PartnerShare }[] };
  products: { totalCount: number; fresh: boolean | null; edges: { node: ProductShare }[] };
  trend: Trend;
  rebuildProgress: { status: string; phase: string; processedEvents: number; totalEvents: number } | null;
}

/** Top products are HS chapters: a bar opens the chapter, whose page drills down to headings and subheadings. */
export const TOP_PRODUCT_LEVEL = 2;
export const TOP = 10;

export const DASHBOARD = `query Dashboard($year: Int!, $month: Int, $from: String!, $to: String!, $level: Int!, $top: Int!, $consistency: ReadConsistency) {
  summary: dashboardSummary(year: $year, month: $month, top: $top, productLevel: $level, consistency: $consistency) {
    total ${FIGURES} yoyGrowth yoyGrowthCovers { ...coverage } partnerCount productCount partnerHhi publishedThrough openAlertCount fresh
  }
  partners: partnerRanking(year: $year, month: $month, first: $top, consistency: $consistency) {
    totalCount fresh edges { node { rank countryCode nameEn nameKo valueUsd share } }
  }
  products: productRanking(year: $year, month: $month, level: $level, first: $top, consistency: $consistency) {
    totalCount fresh edges { node { rank hsCode level nameEn nameKo valueUsd share } }
  }
  trend(from: $from, to: $to, consistency: $consistency) { ${TREND} }
  rebuildProgress { status phase processedEvents totalEvents }
}
${COVERAGE}`;

/** The latest published month, to open on the year that has figures. */
export const HORIZON = `query Horizon($year: Int!) { dashboardSummary(year: $year, top: 1) { publishedThrough } }`;
export interface HorizonData {
  dashboardSummary: { publishedThrough: string | null };
}

interface Profile extends Names {
  year: number;
  total: Figures;
  previousYear: Figures;
  yoyGrowth: string | null;
  yoyGrowthCovers: Coverage | null;
  shareOfExports: string | null;
  rank: number | null;
  cagr: Cagr | null;
  publishedThrough: string | null;
  fresh: boolean | null;
}

export interface CountryData {
  country: Profile & {
    countryCode: string;
    regionNameEn: string | null;
    regionNameKo: string | null;
    active: boolean;
    productCount: number;
    topProducts: ProductShare[];
  };
  trend: Trend;
}

const PROFILE = `nameEn nameKo year total ${FIGURES} previousYear ${FIGURES} yoyGrowth yoyGrowthCovers { ...coverage } shareOfExports rank
    cagr { fromYear toYear rate covers { ...coverage } } publishedThrough fresh`;

export const COUNTRY = `query Country($code: String!, $year: Int!, $from: String!, $to: String!, $consistency: ReadConsistency) {
  country: countryProfile(code: $code, year: $year, consistency: $consistency) {
    countryCode regionNameEn regionNameKo active productCount ${PROFILE}
    topProducts { rank hsCode level nameEn nameKo valueUsd share }
  }
  trend(from: $from, to: $to, country: $code, consistency: $consistency) { ${TREND} }
}
${COVERAGE}`;

export interface ProductData {
  product: Profile & {
    hsCode: string;
    level: number;
    sectionCode: string | null;
    partnerCount: number;
    partnerHhi: string | null;
    topPartners: PartnerShare[];
  };
  trend: Trend;
  within: { hits: SearchHit[] };
}

export const PRODUCT = `query Product($hsCode: String!, $year: Int!, $from: String!, $to: String!, $consistency: ReadConsistency) {
  product: productProfile(hsCode: $hsCode, year: $year, consistency: $consistency) {
    hsCode level sectionCode partnerCount partnerHhi ${PROFILE}
    topPartners { rank countryCode nameEn nameKo valueUsd share }
  }
  trend(from: $from, to: $to, hsCode: $hsCode, consistency: $consistency) { ${TREND} }
  within: searchProducts(text: $hsCode, first: 100, consistency: $consistency) { hits { hsCode level nameEn nameKo } }
}
${COVERAGE}`;

export interface SearchHit extends Names {
  hsCode: string;
  level: number;
}
export const SEARCH = `query Search($text: String!) { searchProducts(text: $text, first: 10) { totalCount hits { hsCode level nameEn nameKo } } }`;
export interface SearchData {
  searchProducts: { totalCount: number; hits: SearchHit[] };
}

export interface Alert {
  id: string;
  kind: 'THRESHOLD' | 'ANOMALY_RISE' | 'ANOMALY_DROP';
  countryCode: string;
  hsCode: string;
  period: string;
  valueUsd: string;
  thresholdUsd: string | null;
  yearAgoUsd: string | null;
  openedAt: string;
}
export const ALERTS = `query Alerts($year: Int!, $month: Int, $consistency: ReadConsistency) {
  alerts(year: $year, month: $month, status: OPEN, first: 10, consistency: $consistency) {
    totalCount fresh edges { node { id kind countryCode hsCode period valueUsd thresholdUsd yearAgoUsd openedAt } }
  }
}`;
export interface AlertsData {
  alerts: { totalCount: number; fresh: boolean | null; edges: { node: Alert }[] };
}

export interface CustomsImport {
  id: string;
  state: 'REQUESTED' | 'RUNNING' | 'PAUSED' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
  from: string;
  to: string;
  requestedAt: string;
  finishedAt: string | null;
  waitingFor: string | null;
  visible: boolean;
  counts: { units: number; pending: number; done: number; fetched: number; recorded: number; revised: number; deadLettered: number; refused: number };
}
export const IMPORTS = `query Imports { customsImports(first: 5) {
  edges { node { id state from to requestedAt finishedAt waitingFor visible counts { units pending done fetched recorded revised deadLettered refused } } }
} }`;
export interface ImportsData {
  customsImports: { edges: { node: CustomsImport }[] };
}

export const DASHBOARD_UPDATED = `subscription Updated($year: Int!, $month: Int) { dashboardUpdated(year: $year, month: $month) { year month position missed } }`;
export interface DashboardUpdatedData {
  dashboardUpdated: { year: number; month: number; position: string; missed: number };
}
export const EXPORT_ALERTS = `subscription Raised($filter: ExportAlertFilter) { exportAlerts(filter: $filter) { kind countryCode hsCode period value position } }`;
export interface ExportAlertsData {
  exportAlerts: { position: string };
}
export const IMPORT_PROGRESS = `subscription Progress($id: ID!) { customsImportProgress(id: $id) { importId state version missed } }`;
export interface ImportProgressData {
  customsImportProgress: { importId: string; state: string };
}
