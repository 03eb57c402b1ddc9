import { DEFAULT_SAMPLE_DATA_OPTIONS } from '../modules/sample-data';
import { parseSeedArguments } from './seed.cli';

describe('parseSeedArguments', () => {
  it('given no arguments, when parsed, then the defaults apply and it is not a dry run', () => {
    expect(parseSeedArguments([])).toEqual({ options: DEFAULT_SAMPLE_DATA_OPTIONS, corrections: 24, batchSize: 1000, dryRun: false });
  });

  it('given every option, when parsed, then each is taken', () => {
    const parsed = parseSeedArguments([
      '--seed', '7', '--statistics', '500', '--from', '2024-01', '--to', '2024-06', '--products', '50',
      '--tail-partners', '0', '--corrections', '3', '--batch-size', '100', '--dry-run',
    ]);

    expect(parsed).toEqual({
      options: { ...DEFAULT_SAMPLE_DATA_OPTIONS, seed: 7, statistics: 500, from: '2024-01', to: '2024-06', products: 50, tailPartners: 0 },
      corrections: 3,
      batchSize: 100,
      dryRun: true,
    });
  });

  it('given an unknown option, a non-number or a value out of range, when parsed, then the error says which and shows usage', () => {
    expect(() => parseSeedArguments(['--size', '5'])).toThrow(/Unknown option '--size'[\s\S]*usage: seed/);
    expect(() => parseSeedArguments(['--statistics', '2e4'])).toThrow('--statistics must be a non-negative integer, got "2e4"');
    expect(() => parseSeedArguments(['--statistics', '0'])).toThrow('statistics must be an integer from 1 to 10000000, got 0');
  });
});
