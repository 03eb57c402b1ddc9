import { requestLogView } from './request-log';

describe("a request's log line", () => {
  const request = (headers: Record<string, string | string[]>, url = '/graphql') => ({ id: 'c-1', method: 'POST', url, headers, remoteAddress: '127.0.0.1' });

  it('keeps the allow-listed headers and says which credential came, never its value', () => {
    const view = requestLogView(request({ 'content-type': 'application/json', 'x-api-key': 'top-secret', cookie: 'session=abc', 'x-custom': 'y' }));

    expect(view).toEqual({
      id: 'c-1',
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      credential: 'api-key',
      remoteAddress: '127.0.0.1',
    });
    expect(JSON.stringify(view)).not.toMatch(/top-secret|session=abc/);
  });

  it.each([
    [{ authorization: 'Bearer eyJhbGciOi.secret.sig' }, 'bearer'],
    [{ authorization: 'Basic dXNlcjpwYXNz' }, 'other-authorization'],
    [{}, 'none'],
  ])('names the kind of %j without its value', (headers, credential) => {
    const view = requestLogView(request(headers));

    expect(view.credential).toBe(credential);
    expect(JSON.stringify(view)).not.toMatch(/secret|dXNlcjpwYXNz/);
  });

  it('bounds every value and the url, however long the client made them', () => {
    const view = requestLogView(request({ 'user-agent': 'u'.repeat(10_000) }, `/graphql?query=${'q'.repeat(10_000)}`));

    expect(view.headers['user-agent']).toBe(`${'u'.repeat(200)}… (10000 characters)`);
    expect(view.url).toHaveLength(500 + '… (10015 characters)'.length);
  });
});
