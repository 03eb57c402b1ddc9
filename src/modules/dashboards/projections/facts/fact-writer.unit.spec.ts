import { statisticEvents } from '../../../../../test/support/read-model-events';
import { movesStoredFacts } from './fact-writer';

const KEY: [string, string, string] = ['CN', '8518309000', '2026-08'];
const OTHER: [string, string, string] = ['US', '8518309000', '2026-08'];

describe('which batches move a fact they do not build (a replay applies those in order)', () => {
  it('given a threshold event after its recorded figures in the same batch, then the batch builds what it moves', () => {
    expect(movesStoredFacts([statisticEvents.recorded(KEY, 1, '2000000.00', '1.0'), statisticEvents.thresholdExceeded(KEY, 2, '2000000.00')])).toBe(false);
  });

  it('given a threshold event whose figures came in an earlier batch, then it moves a stored fact', () => {
    expect(movesStoredFacts([statisticEvents.recorded(OTHER, 1, '5.00', '1.0'), statisticEvents.thresholdExceeded(KEY, 2, '2000000.00')])).toBe(true);
  });

  it('given figure-carrying events only, then nothing stored is moved', () => {
    expect(movesStoredFacts([statisticEvents.recorded(KEY, 1, '5.00', '1.0'), statisticEvents.retracted(KEY, 2)])).toBe(false);
  });
});
