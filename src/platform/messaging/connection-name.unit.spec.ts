import { hostname } from 'node:os';
import { amqpConnectionName, withHeartbeat } from './connection-name';

describe('broker connection identity', () => {
  it('names a connection by prefix, purpose, host and process', () => {
    expect(amqpConnectionName('exportstats', 'consumers')).toBe(`exportstats consumers ${hostname()}:${process.pid}`);
  });

  it('asks for the heartbeat unless the URL names one', () => {
    expect(withHeartbeat('amqp://guest:guest@127.0.0.1:5672', 2)).toBe('amqp://guest:guest@127.0.0.1:5672?heartbeat=2');
    expect(withHeartbeat('amqp://u:p@host:5672/vh?heartbeat=30&frameMax=0', 2)).toBe('amqp://u:p@host:5672/vh?heartbeat=30&frameMax=0');
  });
});
