import { detachedContent } from './detached-content';

describe('detachedContent', () => {
  // As amqplib delivers a body: a view into the socket read buffer it arrived in, among others.
  const readBuffer = Buffer.alloc(64 * 1024, 'a');
  readBuffer.write('{"type":"ExportStatisticRecorded"}', 30_000);
  const delivered = readBuffer.subarray(30_000, 30_000 + 34);

  it('keeps the bytes of the body', () => {
    expect(detachedContent(delivered).toString()).toBe('{"type":"ExportStatisticRecorded"}');
  });

  it('keeps alive no more memory than the body itself, and none of the read buffer', () => {
    const body = detachedContent(delivered);
    expect(delivered.buffer.byteLength).toBe(64 * 1024);
    expect(body.buffer).not.toBe(readBuffer.buffer);
    expect(body.buffer.byteLength).toBe(34);
  });

  it('is not changed when the read buffer is reused', () => {
    const body = detachedContent(delivered);
    readBuffer.fill('z');
    expect(body.toString()).toBe('{"type":"ExportStatisticRecorded"}');
  });
});
