export { DEFAULT_SAMPLE_DATA_OPTIONS, sampleDataOptions, type SampleDataOptions } from './sample-data.options';
export { planSampleCorrections, type SampleCorrection, type SampleRetraction } from './sample-corrections';
export { sampleReferenceOf, type SampleReference } from './sample-reference';
export {
  planSampleData,
  SAMPLE_DATA_LABEL,
  type SampleDataSet,
  type SampleStatistic,
} from './sample-statistics.generator';
export { seedBatches, type SeedBatch } from './seed-batches';
export { seedTotals, type SeedTotals } from './seed-totals';
