import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import pino from 'pino';
import { activeTraceparent, inAttempt, inChildSpan, inLinkedSpan, inSpan, retriedOnConflict, traceLogFields } from './tracer';

const A = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const B = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const UNSAMPLED = '00-11111111111111111111111111111111-2222222222222222-00';

describe('our spans, with an in-memory SDK behind the API', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

  // The global provider with an AsyncLocalStorage context manager, as tracing-sdk.ts registers it.
  beforeAll(() => provider.register());

  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  beforeEach(() => exporter.reset());

  it('nests spans through awaits, and the active traceparent names the innermost', async () => {
    let inner: string | undefined;
    await inSpan('outer', {}, async () => {
      await Promise.resolve();
      await inSpan('inner', {}, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        inner = activeTraceparent();
      });
    });

    const [innerSpan, outerSpan] = exporter.getFinishedSpans();
    expect(innerSpan.name).toBe('inner');
    expect(innerSpan.parentSpanContext?.spanId).toBe(outerSpan.spanContext().spanId);
    expect(inner).toBe(`00-${innerSpan.spanContext().traceId}-${innerSpan.spanContext().spanId}-01`);
    expect(activeTraceparent()).toBeUndefined();
  });

  it('records a failure on the span and rethrows it', async () => {
    await expect(inSpan('failing', {}, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');

    const [span] = exporter.getFinishedSpans();
    expect(span.status).toEqual({ code: 2, message: 'boom' });
  });

  it("a span with a remote parent (a work message's traceparent) is its child, whatever span is active", async () => {
    await inSpan('active', {}, () => inSpan('step', { parent: A }, async () => undefined));

    const step = exporter.getFinishedSpans().find((span) => span.name === 'step')!;
    expect(step.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(step.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
  });

  it('a failure the work will retry is an event of the span, not its error; the same failure with no retry left is', async () => {
    const retried = () => retriedOnConflict();
    const lose = () => inSpan('write', { retried }, async () => Promise.reject(new Error('lost')));

    await expect(inAttempt(true, lose)).rejects.toThrow('lost');
    await expect(inAttempt(false, lose)).rejects.toThrow('lost');

    expect(exporter.getFinishedSpans().map((span) => ({ status: span.status.code, events: span.events.map((event) => [event.name, event.attributes]) }))).toEqual([
      { status: 0, events: [['retried', { 'exception.type': 'Error', 'exception.message': 'lost' }]] },
      { status: 2, events: [['exception', expect.anything()]] },
    ]);
    expect(retriedOnConflict()).toBe(false);
  });

  it('a batch span starts a new trace linked to each distinct sampled context, with a tag per linked trace', async () => {
    await inSpan('request', {}, () => inLinkedSpan('batch', { size: 4 }, [A, B, A, UNSAMPLED, 'junk', undefined], async () => undefined));

    const batch = exporter.getFinishedSpans().find((span) => span.name === 'batch')!;
    const request = exporter.getFinishedSpans().find((span) => span.name === 'request')!;
    expect(batch.parentSpanContext).toBeUndefined();
    expect(batch.spanContext().traceId).not.toBe(request.spanContext().traceId);
    expect(batch.links.map((link) => link.context.spanId)).toEqual(['00f067aa0ba902b7', 'b7ad6b7169203331']);
    expect(batch.attributes).toEqual({
      size: 4,
      'links.count': 2,
      'link.4bf92f3577b34da6a3ce929d0e0e4736': '00f067aa0ba902b7',
      'link.0af7651916cd43dd8448eb211c80319c': 'b7ad6b7169203331',
    });
  });

  it('tags at most 50 linked traces, and links them all', async () => {
    const many = Array.from({ length: 60 }, (_, i) => `00-${(i + 1).toString(16).padStart(32, '0')}-${'a'.repeat(16)}-01`);

    await inLinkedSpan('batch', {}, many, async () => undefined);

    const [batch] = exporter.getFinishedSpans();
    expect(batch.links).toHaveLength(60);
    expect(Object.keys(batch.attributes).filter((key) => key.startsWith('link.'))).toHaveLength(50);
    expect(batch.attributes['links.count']).toBe(60);
  });

  it('a batch of untraced events makes no span', async () => {
    await expect(inLinkedSpan('batch', {}, [UNSAMPLED, undefined], async () => 'done')).resolves.toBe('done');

    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('a child span is made only under a recorded parent', async () => {
    await inChildSpan('orphan', {}, async () => undefined);
    await inSpan('parent', {}, () => inChildSpan('child', {}, async () => undefined));

    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['child', 'parent']);
  });

  it('log lines written inside a span name its trace and span; others name none', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ mixin: traceLogFields }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });

    logger.info('outside');
    await inSpan('traced', {}, async () => logger.info('inside'));

    const { traceId, spanId } = exporter.getFinishedSpans()[0].spanContext();
    expect(lines.map(({ msg, traceId, spanId }) => ({ msg, traceId, spanId }))).toEqual([
      { msg: 'outside', traceId: undefined, spanId: undefined },
      { msg: 'inside', traceId, spanId },
    ]);
  });
});

describe('a provider registered after another was shut down (an app built twice in one process)', () => {
  it('receives the spans', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    provider.register();

    await inSpan('after restart', {}, async () => undefined);
    // Read before the shutdown, which empties an in-memory exporter.
    const names = exporter.getFinishedSpans().map((span) => span.name);
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();

    expect(names).toEqual(['after restart']);
  });
});
