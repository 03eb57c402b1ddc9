import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify } from 'jose';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ANONYMOUS, ANONYMOUS_READER, bearerTokenOf, parseApiKeys, principalForApiKey, principalForClaims, type ApiKey, type Principal } from './credentials';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** Turns request headers into a principal: an `x-api-key`, or an HS256 bearer token when JWT_SECRET is set. */
@Injectable()
export class Authenticator {
  private readonly keys: ApiKey[];
  private readonly jwtKey: Uint8Array | null;
  private readonly anonymous: Principal;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.anonymous = config.PUBLIC_READS ? ANONYMOUS_READER : ANONYMOUS;
    this.keys = [...parseApiKeys(config.OPERATOR_API_KEYS, 'operator'), ...parseApiKeys(config.READER_API_KEYS, 'reader')];
    this.jwtKey = config.JWT_SECRET ? new TextEncoder().encode(config.JWT_SECRET) : null;
  }

  async authenticate(headers: Headers): Promise<Principal> {
    const apiKey = single(headers['x-api-key']);
    // A wrong credential is not silently downgraded to anonymous access.
    if (apiKey) return principalForApiKey(this.keys, apiKey) ?? ANONYMOUS;
    const bearer = bearerTokenOf(single(headers.authorization));
    if (bearer && this.jwtKey) {
      try {
        const { payload } = await jwtVerify(bearer, this.jwtKey, { algorithms: ['HS256'] });
        return principalForClaims(payload);
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
