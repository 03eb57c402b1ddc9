import { LiveHub } from './live-hub';
import { packLiveMessages, parseLiveMessage } from './live-notification';
import { LiveStream } from './live-stream';

const evenOnly = (payload: unknown) => (typeof payload === 'number' && payload % 2 === 0 ? { n: payload } : null);

describe('a live stream (one subscriber\'s queue)', () => {
  it('given a reader waiting, when a value is pushed, then the reader gets it with nothing missed', async () => {
    const stream = new LiveStream<{ n: number }>(2);
    const next = stream.next();

    stream.push({ n: 1 });

    expect(await next).toEqual({ value: { n: 1, missed: 0 }, done: false });
  });

  it('given a reader that does not read, when more values come than the queue holds, then the oldest are dropped and the next value read says how many', async () => {
    const stream = new LiveStream<{ n: number }>(3);

    for (let n = 1; n <= 7; n++) stream.push({ n });

    expect(await stream.next()).toEqual({ value: { n: 5, missed: 4 }, done: false });
    expect(await stream.next()).toEqual({ value: { n: 6, missed: 0 }, done: false });
    expect(await stream.next()).toEqual({ value: { n: 7, missed: 0 }, done: false });
  });

  it('given a reader waiting, when the stream is returned, then the reader is done, what was queued is released and the owner told once', async () => {
    const closed = jest.fn();
    const stream = new LiveStream<{ n: number }>(3, closed);
    const waiting = stream.next();

    await stream.return();
    await stream.return();
    stream.push({ n: 1 });

    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(closed).toHaveBeenCalledTimes(1);
  });
});

describe('the live hub (this instance\'s subscribers)', () => {
  const connection = {};

  it('given subscribers of two topics, when a payload is delivered, then only the topic\'s subscribers that select it get it', async () => {
    const hub = new LiveHub({ bufferSize: 10, maxPerConnection: 5 });
    const even = hub.subscribe('numbers', evenOnly, connection);
    const all = hub.subscribe('numbers', (n) => ({ n }), connection);
    const other = hub.subscribe('letters', (l) => ({ l }), connection);

    hub.deliver('numbers', 3);
    hub.deliver('numbers', 4);

    expect(await even.next()).toEqual({ value: { n: 4, missed: 0 }, done: false });
    expect(await all.next()).toEqual({ value: { n: 3, missed: 0 }, done: false });
    expect(await all.next()).toEqual({ value: { n: 4, missed: 0 }, done: false });
    void other.next().then(() => fail('letters got a number'));
  });

  it('given a connection at its cap, when it subscribes again, then it is refused with the limit, and a closed subscription frees its place', async () => {
    const hub = new LiveHub({ bufferSize: 10, maxPerConnection: 2 });
    const first = hub.subscribe('numbers', evenOnly, connection);
    hub.subscribe('numbers', evenOnly, connection);

    expect(() => hub.subscribe('numbers', evenOnly, connection)).toThrow('a connection may hold at most 2 subscriptions');
    expect(() => hub.subscribe('numbers', evenOnly, {})).not.toThrow();
    await first.return();
    expect(() => hub.subscribe('numbers', evenOnly, connection)).not.toThrow();
  });

  it('given subscriptions on two connections, when all are returned, then the hub holds no subscriber and no connection', async () => {
    const hub = new LiveHub({ bufferSize: 10, maxPerConnection: 5 });
    const streams = [hub.subscribe('a', evenOnly, connection), hub.subscribe('b', evenOnly, connection), hub.subscribe('a', evenOnly, {})];
    const during = { size: hub.size, connections: hub.connections };

    await Promise.all(streams.map((stream) => stream.return()));

    expect(during).toEqual({ size: 3, connections: 2 });
    expect({ size: hub.size, connections: hub.connections }).toEqual({ size: 0, connections: 0 });
  });
});

describe('live messages on the wire', () => {
  it('given many values, when packed, then each NOTIFY stays under PostgreSQL\'s limit and together they carry every value in order', () => {
    const values = Array.from({ length: 300 }, (_, i) => ({ i, text: 'x'.repeat(100) }));

    const messages = packLiveMessages('alerts', values);

    expect(messages.length).toBeGreaterThan(1);
    expect(messages.every((message) => Buffer.byteLength(JSON.stringify(message)) < 8000)).toBe(true);
    expect(messages.flatMap((message) => parseLiveMessage(JSON.stringify(message))!.data)).toEqual(values);
  });

  it.each([['not JSON', '{'], ['no topic', '{"data":[1]}'], ['data not a list', '{"topic":"a","data":1}'], ['nothing', undefined]])(
    'given a payload with %s, when parsed, then it is not a live message',
    (_what, payload) => {
      expect(parseLiveMessage(payload)).toBeNull();
    },
  );
});
