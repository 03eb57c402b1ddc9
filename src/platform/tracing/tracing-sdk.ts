import { context, propagation, trace, type Attributes, type Context, type Link, type SpanKind } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  ParentBasedSampler,
  SamplingDecision,
  TraceIdRatioBasedSampler,
  type Sampler,
  type SamplingResult,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-node';
import type { TracingSettings } from './tracing-settings';

/**
 * The OpenTelemetry SDK, loaded only when TRACING_ENABLED (start-tracing.ts imports this module
 * dynamically): a tracer provider with our sampler, a batch processor and the configured exporter,
 * registered as the process's global provider. No
 * auto-instrumentation: every span is one of ours (docs/adr/0011-tracing.md).
 */
export function startSdk(settings: TracingSettings): { shutdown(): Promise<void> } {
  // The Elasticsearch client traces every request by itself once a provider is registered; our
  // bulk span is enough, and a span per query and per flush is not worth its cost.
  process.env.OTEL_ELASTICSEARCH_ENABLED ??= 'false';
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName }),
    sampler: new LinkedBatchSampler(settings.samplingRatio),
    spanProcessors: [new BatchSpanProcessor(exporterFor(settings), { scheduledDelayMillis: 1000 })],
  });
  // The global provider, an AsyncLocalStorage context manager and the W3C propagator.
  provider.register();
  return {
    async shutdown() {
      try {
        await provider.shutdown();
      } finally {
        trace.disable();
        context.disable();
        propagation.disable();
      }
    },
  };
}

function exporterFor(settings: TracingSettings): SpanExporter {
  return settings.exporter === 'zipkin' ? new ZipkinExporter({ url: settings.zipkinUrl, serviceName: settings.serviceName }) : new OTLPTraceExporter({ url: settings.otlpUrl });
}

/**
 * Parent-based with a ratio for new traces, except that a batch span linked to a sampled trace is
 * always kept: the ratio was applied once, where the trace began, and a trace that was kept must
 * not lose its relay and consumer halves to a second throw of the dice.
 */
class LinkedBatchSampler implements Sampler {
  private readonly byParent: Sampler;

  constructor(ratio: number) {
    this.byParent = new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
  }

  shouldSample(parent: Context, traceId: string, name: string, kind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
    if (!trace.getSpan(parent) && links.some((link) => link.context.traceFlags & 1)) return { decision: SamplingDecision.RECORD_AND_SAMPLED };
    return this.byParent.shouldSample(parent, traceId, name, kind, attributes, links);
  }

  toString(): string {
    return `LinkedBatchSampler{${this.byParent.toString()}}`;
  }
}
