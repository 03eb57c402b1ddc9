import { issuingProcess, processCommandMetadata } from './process.types';

describe('issuingProcess', () => {
  it('given the metadata the manager gives a command, when read, then it names the process and its type', () => {
    expect(issuingProcess(processCommandMetadata('country-deactivation:e1', 'country-deactivation', 'c1'))).toEqual({
      type: 'country-deactivation',
      id: 'country-deactivation:e1',
    });
  });

  it.each([
    ['an operator', { correlationId: 'c', causationId: 'x', actor: 'test-operator' }],
    ['a process actor without causation', { correlationId: 'c', causationId: null, actor: 'process:country-deactivation' }],
  ])('given a command from %s, when read, then no process sent it', (_, metadata) => {
    expect(issuingProcess(metadata)).toBeNull();
  });
});
