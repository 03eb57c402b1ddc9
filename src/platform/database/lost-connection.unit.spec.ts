import { isLostConnection, retryOnLostConnection } from './lost-connection';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const TERMINATED = withCode('terminating connection due to administrator command', '57P01');

/** A statement that fails `failures` times with `error`, then answers. */
function failing(failures: number, error: unknown) {
  let calls = 0;
  const statement = async () => {
    if (++calls <= failures) throw error;
    return 'rows';
  };
  return { statement, calls: () => calls };
}

describe('isLostConnection', () => {
  it.each([
    ['pg_terminate_backend (57P01)', TERMINATED],
    ['a server crash (57P02)', withCode('terminating connection because of crash of another server process', '57P02')],
    ['a connection failure (08006)', withCode('connection failure', '08006')],
    ['a socket closed under a query', new Error('Connection terminated unexpectedly')],
    ['a client that saw its socket close', new Error('Client has encountered a connection error and is not queryable')],
    ['a reset', withCode('read ECONNRESET', 'ECONNRESET')],
  ])('%s is a lost connection', (_what, error) => {
    expect(isLostConnection(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a statement timeout (57014)', withCode('canceling statement due to statement timeout', '57014')],
    ['a refused connection (nothing to replace: the server is not there)', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['an exhausted pool (it waited already)', Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' })],
    ['not an error', 'Connection terminated'],
  ])('%s is not', (_what, error) => {
    expect(isLostConnection(error)).toBe(false);
  });
});

describe('retryOnLostConnection', () => {
  it('given two dead connections in a row, then the third attempt answers', async () => {
    const { statement, calls } = failing(2, TERMINATED);

    await expect(retryOnLostConnection(statement)).resolves.toBe('rows');
    expect(calls()).toBe(3);
  });

  it('given a database that stays gone, then the third failure is thrown', async () => {
    const { statement, calls } = failing(9, TERMINATED);

    await expect(retryOnLostConnection(statement)).rejects.toBe(TERMINATED);
    expect(calls()).toBe(3);
  });

  it('never repeats a statement that failed for any other reason', async () => {
    const violation = withCode('duplicate key value violates unique constraint', '23505');
    const { statement, calls } = failing(1, violation);

    await expect(retryOnLostConnection(statement)).rejects.toBe(violation);
    expect(calls()).toBe(1);
  });
});
