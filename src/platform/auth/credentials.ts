import { createHash, timingSafeEqual } from 'node:crypto';

export type Role = 'operator' | 'reader';

/** Who is calling; the actor name lands in every event's metadata. */
export interface Principal {
  readonly actor: string;
  readonly roles: ReadonlySet<Role>;
}

export const ANONYMOUS: Principal = { actor: 'anonymous', roles: new Set() };

/** With PUBLIC_READS the dashboards are open: anonymous callers hold the reader role. */
export const ANONYMOUS_READER: Principal = { actor: 'anonymous', roles: new Set(['reader']) };

export interface ApiKey {
  readonly name: string;
  readonly digest: Buffer;
  readonly role: Role;
}

/**
 * API keys are configured as `name:secret` (the name becomes the actor) or a bare secret (the
 * actor is then derived from a digest, so the secret never reaches the log). Only digests are kept.
 */
export function parseApiKeys(entries: readonly string[], role: Role): ApiKey[] {
  return entries.map((entry) => {
    const separator = entry.indexOf(':');
    const secret = separator > 0 ? entry.slice(separator + 1) : entry;
    const digest = secretDigest(secret);
    const name = separator > 0 ? entry.slice(0, separator) : `${role}-key-${digest.toString('hex').slice(0, 8)}`;
    return { name, digest, role };
  });
}

export function principalForApiKey(keys: readonly ApiKey[], presented: string): Principal | null {
  const match = keys.find((key) => matchesDigest(key.digest, presented));
  if (!match) return null;
  // An operator may do everything a reader may.
  const roles = new Set<Role>(match.role === 'operator' ? ['operator', 'reader'] : ['reader']);
  return { actor: match.name, roles };
}

/** What is kept of a configured secret: its SHA-256, so the secret itself need not stay in memory. */
export function secretDigest(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** Whether `presented` is the secret behind `digest`, in constant time (hashed, so lengths do not leak). */
export function matchesDigest(digest: Buffer, presented: string): boolean {
  return timingSafeEqual(digest, secretDigest(presented));
}

/** The token of an `Authorization: Bearer <token>` header, if that is what it holds. */
export function bearerTokenOf(authorization: string | undefined): string | undefined {
  return /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
}
