/**
 * GraphQL over HTTP's two response media types. `application/json` is what existing clients know;
 * `application/graphql-response+json` lets a client tell a refused request (4xx, no `data`) from
 * an executed one by status code alone.
 */
export const GRAPHQL_RESPONSE = 'application/graphql-response+json';
const JSON_TYPE = 'application/json';

/** Whether the Accept header ranks graphql-response+json at least as high as application/json. */
export function prefersGraphqlResponse(accept: string | undefined): boolean {
  if (!accept) return false;
  const quality = new Map<string, number>();
  for (const range of accept.split(',')) {
    const [type, ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const value = q ? Number(q.slice(2)) : 1;
    if (type && Number.isFinite(value)) quality.set(type, Math.max(quality.get(type) ?? 0, value));
  }
  const graphql = quality.get(GRAPHQL_RESPONSE) ?? 0;
  return graphql > 0 && graphql >= (quality.get(JSON_TYPE) ?? 0);
}

/** Whether a request body is JSON, the only media type a mutation is accepted in. */
export function isJsonBody(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  return type === JSON_TYPE;
}
