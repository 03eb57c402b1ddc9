/**
 * The reader credential, when reads are not public: kept for the tab only (sessionStorage), sent
 * as the HTTP API expects it (`x-api-key`, or `Authorization: Bearer` for a JWT) and in the
 * WebSocket's connection_init payload, which takes the same two names.
 */
const KEY = 'export-stats.reader-credential';
const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;

export function storedCredential(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function storeCredential(credential: string): void {
  const value = credential.trim();
  if (value) sessionStorage.setItem(KEY, value);
  else sessionStorage.removeItem(KEY);
}

/** Headers for a request, or the connection_init payload (the same names, lower case). */
export function credentialHeaders(credential: string | null): Record<string, string> {
  if (!credential) return {};
  return JWT.test(credential) ? { authorization: `Bearer ${credential}` } : { 'x-api-key': credential };
}
