import { errors as es } from '@elastic/elasticsearch';
import { ConnectionException } from '@mikro-orm/core';
import { outageOf } from './outages';

const esResponse = (statusCode: number) =>
  new es.ResponseError({ body: {}, statusCode, headers: {}, warnings: null, meta: {} as never });

describe('which failures are outages', () => {
  it.each([
    ['an Elasticsearch connection error', new es.ConnectionError('connect ECONNREFUSED 127.0.0.1:9200'), 'READ_MODEL_UNAVAILABLE'],
    ['no living Elasticsearch connection', new es.NoLivingConnectionsError('none', { meta: {} } as never), 'READ_MODEL_UNAVAILABLE'],
    ['an Elasticsearch timeout', new es.TimeoutError('Request timed out'), 'READ_MODEL_UNAVAILABLE'],
    ['an Elasticsearch 503', esResponse(503), 'READ_MODEL_UNAVAILABLE'],
    ['an Elasticsearch 429', esResponse(429), 'READ_MODEL_UNAVAILABLE'],
    ['a MikroORM connection exception', new ConnectionException(new Error('connect ECONNREFUSED')), 'DATABASE_UNAVAILABLE'],
    ['an administrator shutdown (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), 'DATABASE_UNAVAILABLE'],
    ['too many connections (53300)', Object.assign(new Error('sorry, too many clients already'), { code: '53300' }), 'DATABASE_UNAVAILABLE'],
    ['a broken connection', new Error('Connection terminated unexpectedly'), 'DATABASE_UNAVAILABLE'],
    ['an exhausted pool', new Error('timeout exceeded when trying to connect'), 'DATABASE_UNAVAILABLE'],
    ['an exhausted ORM pool (knex)', Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?'), { name: 'KnexTimeoutError' }), 'DATABASE_UNAVAILABLE'],
    ['a client closed under the request', new Error('Client was closed and is not queryable'), 'DATABASE_UNAVAILABLE'],
  ])('%s is %s', (_what, error, code) => {
    expect(outageOf(error)?.code).toBe(code);
  });

  it.each([
    ['an Elasticsearch 400 (a bad query is a bug, not an outage)', esResponse(400)],
    ['a unique violation', Object.assign(new Error('duplicate key value'), { code: '23505' })],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['not an error at all', 'ECONNREFUSED'],
  ])('%s is not', (_what, error) => {
    expect(outageOf(error)).toBeNull();
  });
});
