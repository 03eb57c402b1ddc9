import { isJsonBody, prefersGraphqlResponse } from './media-types';

describe('response media type negotiation', () => {
  it.each([
    ['application/graphql-response+json', true],
    ['application/graphql-response+json, application/json;q=0.9', true],
    ['application/json, application/graphql-response+json', true],
    ['application/json;q=1, application/graphql-response+json;q=0.5', false],
    ['application/json', false],
    ['*/*', false],
    ['application/graphql-response+json;q=0', false],
    [undefined, false],
  ])('Accept %s prefers graphql-response+json: %s', (accept, expected) => {
    expect(prefersGraphqlResponse(accept)).toBe(expected);
  });
});

describe('what counts as a JSON body', () => {
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['APPLICATION/JSON', true],
    ['application/graphql', false],
    ['application/x-www-form-urlencoded', false],
    ['text/plain', false],
    [undefined, false],
  ])('%s is JSON: %s', (contentType, expected) => {
    expect(isJsonBody(contentType)).toBe(expected);
  });
});
