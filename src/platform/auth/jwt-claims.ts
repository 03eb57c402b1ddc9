import type { JWTPayload } from 'jose';
import type { Principal, Role } from './credentials';

export interface JwtRules {
  /** Seconds a token may live, from its `iat` (or from now, without one) to its `exp`. */
  readonly maxLifetimeS: number;
  /** Seconds of clock difference forgiven on `exp`, `nbf` and `iat`. */
  readonly clockSkewS: number;
}

/** Subjects become actors in every event's metadata: short, printable, no separators of ours. */
const SUBJECT = /^[A-Za-z0-9._@-]{1,64}$/;

/**
 * The principal a verified token's claims stand for, or why they stand for nobody. The signature
 * is checked before (jose); these are the rules on top of it: a token must expire, within the
 * maximum lifetime; it is not used before `nbf` nor claims to be issued in the future; and its
 * subject is namespaced (`jwt:alice`), so no token can pose as an API key's actor (key names never
 * contain a colon).
 */
export function principalFromClaims(claims: JWTPayload & { roles?: unknown; role?: unknown }, nowS: number, rules: JwtRules): Principal | string {
  const { exp, nbf, iat, sub } = claims;
  if (typeof exp !== 'number') return 'the token has no exp';
  if (exp + rules.clockSkewS <= nowS) return 'the token has expired';
  if (typeof nbf === 'number' && nbf - rules.clockSkewS > nowS) return 'the token is not valid yet (nbf)';
  if (typeof iat === 'number' && iat - rules.clockSkewS > nowS) return 'the token claims to be issued in the future (iat)';
  if (exp - (typeof iat === 'number' ? iat : nowS) > rules.maxLifetimeS) return `the token lives longer than ${rules.maxLifetimeS} s`;
  if (typeof sub !== 'string' || !SUBJECT.test(sub)) return 'the token has no usable subject';
  const claimed = [claims.roles, claims.role].flat().filter((role): role is Role => role === 'operator' || role === 'reader');
  const roles = new Set<Role>(claimed.includes('operator') ? ['operator', 'reader'] : claimed);
  return { actor: `jwt:${sub}`, roles };
}
