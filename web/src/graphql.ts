import { credentialHeaders, storedCredential } from './credential';

/**
 * Queries over HTTP POST /graphql. A GraphQL error is thrown as a GraphqlError carrying the
 * service's `extensions.code` (and `errorCode`), so the page can say what went wrong in words.
 */
export class GraphqlError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly errorCode: string | null = null,
  ) {
    super(message);
    this.name = 'GraphqlError';
  }
}

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; errorCode?: string } }[];
}

export type Variables = Record<string, unknown>;

export async function query<T>(document: string, variables: Variables = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...credentialHeaders(storedCredential()),
      },
      body: JSON.stringify({ query: document, variables }),
    });
  } catch {
    throw new GraphqlError('NETWORK', 'the service could not be reached');
  }
  const body = (await response.json().catch(() => null)) as GraphqlResponse<T> | null;
  const error = body?.errors?.[0];
  if (error) throw new GraphqlError(error.extensions?.code ?? 'INTERNAL', error.message, error.extensions?.errorCode ?? null);
  if (!response.ok || !body?.data) throw new GraphqlError('HTTP', `the service answered HTTP ${response.status}`);
  return body.data;
}
