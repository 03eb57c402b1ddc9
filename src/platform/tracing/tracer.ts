import { context, createContextKey, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, type Attributes, type Link, type Span, type Tracer } from '@opentelemetry/api';
import { spanContextOf, traceparentOf } from './trace-context';

/**
 * Our own spans, through @opentelemetry/api only. Without a registered provider (tracing off, the
 * default) every call here meets the API's no-op tracer: nothing is recorded, exported or loaded.
 */
export function tracer(): Tracer {
  // Asked for each time, not kept: a tracer kept from before a provider was unregistered and
  // another registered (an app closed and built again in one process) would feed the old one.
  return trace.getTracer('export-statistics');
}

/**
 * Zipkin shows no links: a batch span also carries one tag per linked trace, `link.<trace id>` =
 * the linked span id, for at most this many traces. A tag key is what Zipkin's search finds by
 * itself (`annotationQuery=link.<trace id>`), which a list in one tag's value would not be.
 */
const MAX_LINK_TAGS = 50;
export const LINK_TAG_PREFIX = 'link.';

export interface SpanOptions {
  readonly attributes?: Attributes;
  readonly kind?: SpanKind;
  /** A new trace (batches of many parents), linked to these contexts. */
  readonly links?: readonly Link[];
  /** A remote parent (a work message's `traceparent`): the span is its child rather than the active span's. */
  readonly parent?: string;
  /**
   * Failures that end this attempt but not the work, because the work will be tried again (a lost
   * race inside retryOnConflict): recorded as an event on the span, which is not marked failed.
   */
  readonly retried?: (error: unknown) => boolean;
}

/** Runs `work` in a span that is ended, with its failure recorded, when the work settles. */
export async function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const links = options.links ?? [];
  const attributes = links.length > 0 ? { ...options.attributes, ...linkTags(links) } : options.attributes;
  const spanOptions = { attributes, kind: options.kind, links: [...links], root: options.links !== undefined };
  return tracer().startActiveSpan(name, spanOptions, parentContext(options.parent), async (span) => {
    try {
      return await work(span);
    } catch (error) {
      if (options.retried?.(error)) retriedAfter(span, error);
      else failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

function parentContext(traceparent: string | undefined) {
  const remote = traceparent === undefined ? null : spanContextOf(traceparent);
  return remote ? trace.setSpanContext(ROOT_CONTEXT, remote) : context.active();
}

/**
 * Like inSpan, but only under a span that is being recorded: work that also runs in the
 * background (a summary flush's bulk writes) makes no trace of its own.
 */
export function inChildSpan<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  if (!trace.getActiveSpan()?.isRecording()) return work();
  return inSpan(name, { attributes }, () => work());
}

/**
 * A batch of many parents (the relay's published batch, a consumer's batch): a span of a new
 * trace linked to each sampled context among `traceparents`, or no span at all when none is, so
 * batches of untraced events cost nothing. The sampler keeps every linked span (tracing-sdk.ts).
 */
export function inLinkedSpan<T>(name: string, attributes: Attributes, traceparents: Iterable<unknown>, work: () => Promise<T>): Promise<T> {
  const links = linksTo(traceparents);
  if (links.length === 0) return work();
  return inSpan(name, { attributes, links }, () => work());
}

export function failed(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/** A failure the work recovers from by trying again: an event, so that only a final failure is an error. */
export function retriedAfter(span: Span, error: unknown): void {
  span.addEvent('retried', error instanceof Error ? { 'exception.type': error.name, 'exception.message': error.message } : { 'exception.message': String(error) });
}

const RETRIED_ON_CONFLICT = createContextKey('export-statistics.retried-on-conflict');

/**
 * Runs one attempt of work that is decided again when it loses a race (`retried`: attempts are
 * left). Spans inside it ask `retriedOnConflict()` whether a lost race ends only this attempt.
 */
export function inAttempt<T>(retried: boolean, work: () => Promise<T>): Promise<T> {
  return context.with(context.active().setValue(RETRIED_ON_CONFLICT, retried), work);
}

/** Whether a lost race here will be decided again (see inAttempt); false outside any attempt. */
export function retriedOnConflict(): boolean {
  return context.active().getValue(RETRIED_ON_CONFLICT) === true;
}

/** The active span's context as a `traceparent`, when it is sampled (an unsampled trace is not worth carrying). */
export function activeTraceparent(): string | undefined {
  const span = trace.getSpan(context.active());
  const spanContext = span?.spanContext();
  if (!spanContext || !(spanContext.traceFlags & TraceFlags.SAMPLED)) return undefined;
  return traceparentOf(spanContext);
}

/** Links to the sampled contexts among these `traceparent`s, one per distinct span. */
export function linksTo(traceparents: Iterable<unknown>): Link[] {
  const links = new Map<string, Link>();
  for (const text of traceparents) {
    const spanContext = spanContextOf(text);
    if (spanContext && spanContext.traceFlags & TraceFlags.SAMPLED) links.set(`${spanContext.traceId}-${spanContext.spanId}`, { context: spanContext });
  }
  return [...links.values()];
}

function linkTags(links: readonly Link[]): Attributes {
  const tags: Attributes = { 'links.count': links.length };
  const traces = new Set<string>();
  for (const { context: linked } of links) {
    if (traces.size === MAX_LINK_TAGS) break;
    if (traces.has(linked.traceId)) continue;
    traces.add(linked.traceId);
    tags[`${LINK_TAG_PREFIX}${linked.traceId}`] = linked.spanId;
  }
  return tags;
}

/** Trace and span ids of the active span, for log lines and error responses; empty outside one. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  const span = trace.getActiveSpan();
  return span ? traceIdsOf(span) : undefined;
}

/** A pino mixin: the active span's ids on every line written inside a traced context. */
export function traceLogFields(): { traceId?: string; spanId?: string } {
  return activeTraceIds() ?? {};
}

export function traceIdsOf(span: Span): { traceId: string; spanId: string } | undefined {
  const { traceId, spanId, traceFlags } = span.spanContext();
  return traceFlags & TraceFlags.SAMPLED ? { traceId, spanId } : undefined;
}

export { SpanKind };
