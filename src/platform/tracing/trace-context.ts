import { TraceFlags, type SpanContext } from '@opentelemetry/api';

/**
 * The W3C `traceparent` text of a span context (`00-<trace id>-<span id>-<flags>`), the one form
 * a trace context takes where it leaves the process: the event's metadata and the AMQP headers.
 * Parsed here rather than through the SDK's propagator, so reading it costs nothing with tracing
 * off.
 */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const INVALID_TRACE_ID = '0'.repeat(32);
const INVALID_SPAN_ID = '0'.repeat(16);

export function traceparentOf(context: SpanContext): string {
  const flags = (context.traceFlags & TraceFlags.SAMPLED).toString(16).padStart(2, '0');
  return `00-${context.traceId}-${context.spanId}-${flags}`;
}

/** The remote span context a `traceparent` names; null for anything malformed or all zeros. */
export function spanContextOf(traceparent: unknown): SpanContext | null {
  if (typeof traceparent !== 'string') return null;
  const match = TRACEPARENT.exec(traceparent);
  if (!match) return null;
  const [, traceId, spanId, flags] = match;
  if (traceId === INVALID_TRACE_ID || spanId === INVALID_SPAN_ID) return null;
  return { traceId, spanId, traceFlags: parseInt(flags, 16) & TraceFlags.SAMPLED, isRemote: true };
}
