import { SignJWT } from 'jose';
import { loadConfig } from '../../config/app-config';
import { Clock } from '../cqrs/clock';
import { Authenticator } from './authenticator';
import { principalFromClaims } from './jwt-claims';

const NOW = 1_800_000_000;
const RULES = { maxLifetimeS: 3600, clockSkewS: 30 };

describe('what a verified token stands for', () => {
  const claims = (extra: Record<string, unknown>) => ({ sub: 'alice', roles: ['reader'], iat: NOW - 10, exp: NOW + 600, ...extra });

  it('a reader token within its lifetime is the namespaced subject with the reader role', () => {
    expect(principalFromClaims(claims({}), NOW, RULES)).toEqual({ actor: 'jwt:alice', roles: new Set(['reader']) });
  });

  it('an operator token also holds the reader role', () => {
    expect(principalFromClaims(claims({ roles: undefined, role: 'operator' }), NOW, RULES)).toEqual({
      actor: 'jwt:alice',
      roles: new Set(['operator', 'reader']),
    });
  });

  it.each([
    ['no exp', { exp: undefined }, 'the token has no exp'],
    ['an exp past the skew', { exp: NOW - 31 }, 'the token has expired'],
    ['an nbf ahead of the skew', { nbf: NOW + 31 }, 'the token is not valid yet (nbf)'],
    ['an iat ahead of the skew', { iat: NOW + 31 }, 'the token claims to be issued in the future (iat)'],
    ['a lifetime over the maximum', { iat: NOW, exp: NOW + 3601 }, 'the token lives longer than 3600 s'],
    ['no iat and an exp too far from now', { iat: undefined, exp: NOW + 3601 }, 'the token lives longer than 3600 s'],
    ['no subject', { sub: undefined }, 'the token has no usable subject'],
    ['a subject of 65 characters', { sub: 'a'.repeat(65) }, 'the token has no usable subject'],
    ['a subject with a colon (posing as a namespace)', { sub: 'key:ops' }, 'the token has no usable subject'],
    ['a subject with a line break', { sub: 'alice\nadmin' }, 'the token has no usable subject'],
  ])('given %s, it stands for nobody', (_given, extra, reason) => {
    expect(principalFromClaims(claims(extra), NOW, RULES)).toBe(reason);
  });

  it.each([
    ['an exp within the skew', { exp: NOW - 29 }],
    ['an nbf within the skew', { nbf: NOW + 29 }],
    ['a lifetime of exactly the maximum', { iat: NOW, exp: NOW + 3600 }],
  ])('given %s, it is accepted', (_given, extra) => {
    expect(principalFromClaims(claims(extra), NOW, RULES)).toEqual({ actor: 'jwt:alice', roles: new Set(['reader']) });
  });
});

describe('the authenticator with signed tokens', () => {
  const secret = 'a-secret-of-at-least-thirty-two-characters';
  // A clock years away from the wall clock: the authenticator must judge times by the Clock it is given.
  const instant = new Date('2031-05-17T09:30:00Z');
  const clock = new (class extends Clock {
    override now(): Date {
      return instant;
    }
  })();
  const authenticator = new Authenticator(loadConfig({ JWT_SECRET: secret, PUBLIC_READS: 'false', JWT_MAX_LIFETIME_S: '3600' }), clock);
  const sign = (claims: Record<string, unknown>, key = secret) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(key));
  const now = () => Math.floor(instant.getTime() / 1000);

  it('accepts a well-formed operator token as its namespaced subject', async () => {
    const token = await sign({ sub: 'ops', roles: ['operator'], iat: now(), exp: now() + 600 });

    expect(await authenticator.authenticate({ authorization: `Bearer ${token}` })).toEqual({ actor: 'jwt:ops', roles: new Set(['operator', 'reader']) });
  });

  it.each([
    ['a token without exp', async () => sign({ sub: 'ops', roles: ['operator'], iat: now() })],
    ['a token living a day', async () => sign({ sub: 'ops', roles: ['operator'], iat: now(), exp: now() + 86_400 })],
    ['a token valid by the wall clock but expired by the service clock', async () =>
      sign({ sub: 'ops', roles: ['operator'], iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600 })],
    ['a token signed with another key', async () => sign({ sub: 'ops', roles: ['operator'], exp: now() + 60 }, 'another-secret-of-thirty-two-characters!')],
  ])('treats %s as no credential at all', async (_what, token) => {
    expect(await authenticator.authenticate({ authorization: `Bearer ${await token()}` })).toEqual({ actor: 'anonymous', roles: new Set() });
  });
});
