import { correlationIdOf } from './correlation-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const request = (headers: Record<string, string | string[]> = {}) => ({ headers });

describe('correlationIdOf', () => {
  it('given a sane x-correlation-id, when asked, then that is the id', () => {
    expect(correlationIdOf(request({ 'x-correlation-id': 'batch-7:import.2026' }))).toBe('batch-7:import.2026');
  });

  it('given no header, when asked twice for one request, then the same generated id both times', () => {
    const one = request();

    const first = correlationIdOf(one);

    expect(first).toMatch(UUID);
    expect(correlationIdOf(one)).toBe(first);
  });

  it('given two requests without the header, when asked, then each has its own id', () => {
    expect(correlationIdOf(request())).not.toBe(correlationIdOf(request()));
  });

  it('given a header that is not a sane token, when asked, then an id is generated instead', () => {
    expect(correlationIdOf(request({ 'x-correlation-id': 'a b\n' }))).toMatch(UUID);
    expect(correlationIdOf(request({ 'x-correlation-id': 'x'.repeat(129) }))).toMatch(UUID);
  });

  it('given the header twice, when asked, then the first one is the id', () => {
    expect(correlationIdOf(request({ 'x-correlation-id': ['first', 'second'] }))).toBe('first');
  });
});
