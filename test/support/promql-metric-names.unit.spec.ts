import { exportedSeriesNames, metricNamesOf } from './promql-metric-names';

describe('metricNamesOf: the metrics a PromQL expression selects', () => {
  it('finds them in selectors, range vectors, subqueries and both sides of a binary expression', () => {
    const expression =
      'histogram_quantile(0.99, sum by (le) (rate(a_seconds_bucket[5m]))) > 1 and delta(max(b{state="failed"})[15m:1m]) > 0 or absent(up{job="x"} == 1) unless max by (queue) (c) offset 5m';

    expect(metricNamesOf(expression).sort()).toEqual(['a_seconds_bucket', 'b', 'c', 'up']);
  });

  it('does not take label names, function names or label values for metrics', () => {
    expect(metricNamesOf('sum by (exportstats_x) (rate(m_total{queue="exportstats_y"}[1m]))')).toEqual(['m_total']);
  });

  it('refuses what is not PromQL, and a selector by __name__ it could not check', () => {
    expect(() => metricNamesOf('max(a')).toThrow(/not PromQL/);
    expect(() => metricNamesOf('{__name__="a"}')).toThrow(/without a metric name/);
  });
});

describe('exportedSeriesNames: what a /metrics page can produce', () => {
  it("takes each # TYPE family, and a histogram's and a summary's own series", () => {
    const page = ['# HELP g a gauge', '# TYPE g gauge', 'g 1', '# TYPE c_total counter', '# TYPE h histogram', 'h_bucket{le="1"} 0', '# TYPE s summary', ''].join('\n');

    expect([...exportedSeriesNames(page)].sort()).toEqual(['c_total', 'g', 'h', 'h_bucket', 'h_count', 'h_sum', 's', 's_count', 's_sum']);
  });
});
