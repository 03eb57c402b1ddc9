import { parser } from '@prometheus-io/lezer-promql';

/**
 * The metric names a PromQL expression selects, read with Prometheus' own grammar
 * (@prometheus-io/lezer-promql, the parser of Prometheus' web UI): the identifier of every vector
 * selector, `rate(x[5m])` and subqueries included. An expression that does not parse is an error,
 * as is a selector by `{__name__=...}` (we write none, and this would not see its name).
 */
export function metricNamesOf(expression: string): string[] {
  const names = new Set<string>();
  const cursor = parser.parse(expression).cursor();
  do {
    if (cursor.type.isError) throw new Error(`not PromQL at ${cursor.from}: ${expression}`);
    if (cursor.name !== 'VectorSelector') continue;
    const selector = cursor.node;
    const identifier = selector.getChild('Identifier');
    if (!identifier) throw new Error(`a selector without a metric name: ${expression.slice(selector.from, selector.to)}`);
    names.add(expression.slice(identifier.from, identifier.to));
  } while (cursor.next());
  return [...names];
}

/**
 * The series names a /metrics page (Prometheus' text format) can produce: each `# TYPE` family,
 * with a histogram's `_bucket`, `_sum` and `_count` and a summary's `_sum` and `_count`. A labelled
 * counter that was never incremented has its `# TYPE` line and no sample yet; it is exported all
 * the same.
 */
export function exportedSeriesNames(metricsText: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of metricsText.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name);
    if (type === 'histogram') ['_bucket', '_sum', '_count'].forEach((suffix) => names.add(name + suffix));
    if (type === 'summary') ['_sum', '_count'].forEach((suffix) => names.add(name + suffix));
  }
  return names;
}
