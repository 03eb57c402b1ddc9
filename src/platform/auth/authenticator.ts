import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify } from 'jose';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../cqrs/clock';
import { ANONYMOUS, ANONYMOUS_READER, bearerTokenOf, parseApiKeys, principalForApiKey, type ApiKey, type Principal } from './credentials';
import { principalFromClaims, type JwtRules } from './jwt-claims';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** Turns request headers into a principal: an `x-api-key`, or an HS256 bearer token when JWT_SECRET is set. */
@Injectable()
export class Authenticator {
  private readonly keys: ApiKey[];
  private readonly jwtKey: Uint8Array | null;
  private readonly anonymous: Principal;
  private readonly jwtRules: JwtRules;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.anonymous = config.PUBLIC_READS ? ANONYMOUS_READER : ANONYMOUS;
    this.keys = [...parseApiKeys(config.OPERATOR_API_KEYS, 'operator'), ...parseApiKeys(config.READER_API_KEYS, 'reader')];
    this.jwtKey = config.JWT_SECRET ? new TextEncoder().encode(config.JWT_SECRET) : null;
    this.jwtRules = { maxLifetimeS: config.JWT_MAX_LIFETIME_S, clockSkewS: config.JWT_CLOCK_SKEW_S };
  }

  async authenticate(headers: Headers): Promise<Principal> {
    const apiKey = single(headers['x-api-key']);
    // A wrong credential is not silently downgraded to anonymous access.
    if (apiKey) return principalForApiKey(this.keys, apiKey) ?? ANONYMOUS;
    const bearer = bearerTokenOf(single(headers.authorization));
    if (bearer && this.jwtKey) {
      try {
        // jose checks the signature; the time and subject rules are ours (jwt-claims.ts), with
        // jose's own time checks widened so that they never refuse what ours allow.
        const now = this.clock.now();
        const { payload } = await jwtVerify(bearer, this.jwtKey, {
          algorithms: ['HS256'],
          clockTolerance: this.jwtRules.clockSkewS,
          currentDate: now,
        });
        const principal = principalFromClaims(payload, Math.floor(now.getTime() / 1000), this.jwtRules);
        return typeof principal === 'string' ? ANONYMOUS : principal;
      } catch {
        return ANONYMOUS;
      }
    }
    return this.anonymous;
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
