import { TraceFlags } from '@opentelemetry/api';
import { spanContextOf, traceparentOf } from './trace-context';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe('traceparent: the trace context as it crosses the outbox', () => {
  it('writes a sampled context as version 00 with flag 01, and reads it back as a remote context', () => {
    const text = traceparentOf({ traceId: TRACE, spanId: SPAN, traceFlags: TraceFlags.SAMPLED });

    expect(text).toBe(`00-${TRACE}-${SPAN}-01`);
    expect(spanContextOf(text)).toEqual({ traceId: TRACE, spanId: SPAN, traceFlags: TraceFlags.SAMPLED, isRemote: true });
  });

  it('keeps only the sampled flag', () => {
    expect(traceparentOf({ traceId: TRACE, spanId: SPAN, traceFlags: 0xff })).toBe(`00-${TRACE}-${SPAN}-01`);
    expect(spanContextOf(`00-${TRACE}-${SPAN}-00`)?.traceFlags).toBe(TraceFlags.NONE);
  });

  it.each([
    ['absent', undefined],
    ['not a string', 42],
    ['empty', ''],
    ['another version', `01-${TRACE}-${SPAN}-01`],
    ['upper case', `00-${TRACE.toUpperCase()}-${SPAN}-01`],
    ['a short trace id', `00-${TRACE.slice(1)}-${SPAN}-01`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${SPAN}-01`],
    ['an all-zero span id', `00-${TRACE}-${'0'.repeat(16)}-01`],
    ['trailing text', `00-${TRACE}-${SPAN}-01-extra`],
  ])('reads nothing from a traceparent that is %s', (_case, text) => {
    expect(spanContextOf(text)).toBeNull();
  });
});
