import { CHINA_NAMES, statisticEvents } from '../../../../../test/support/read-model-events';
import type { FactCountry, ProductNames } from '../../domain/denormalized-names';
import { evolveFact, renameFact, type FactDocument, type FactNames } from './fact.projector';

const KEY: [string, string, string] = ['CN', '8518309000', '2026-08'];
const country: FactCountry = { ...CHINA_NAMES, archived: false };
const product: ProductNames = {
  productNameEn: null,
  productNameKo: null,
  sectionCode: 'XVI',
  sectionNameEn: 'Machinery',
  chapterCode: '85',
  chapterNameEn: 'Electrical machinery',
  chapterNameKo: '전기기기',
  headingCode: '8518',
  headingNameEn: 'Microphones',
  headingNameKo: null,
  subheadingCode: '851830',
  subheadingNameEn: 'Headphones',
  subheadingNameKo: null,
};
const names: FactNames = { country, product };

function apply(current: FactDocument | null, ...events: ReturnType<typeof statisticEvents.recorded>[]): FactDocument | null {
  return events.reduce<FactDocument | null>((document, event) => evolveFact(document, event, names) ?? document, current);
}

describe('evolveFact', () => {
  it('given a recorded statistic, when projected, then the fact carries exact cents and grams, display numbers, period and names', () => {
    const recorded = statisticEvents.recorded(KEY, 1, '1234.50', '12.5');

    const fact = evolveFact(null, recorded, names);

    expect(fact).toEqual({
      key: 'CN-8518309000-2026-08',
      status: 'active',
      streamVersion: 1,
      position: recorded.position,
      occurredAt: '2026-09-01T00:00:00.000Z',
      retractionReason: null,
      countryCode: 'CN',
      hsCode: '8518309000',
      hsLevel: 10,
      period: '2026-08',
      year: 2026,
      month: 8,
      valueUsdCents: 123450,
      weightGrams: 12500,
      valueUsd: 1234.5,
      weightKg: 12.5,
      ...country,
      ...product,
    });
  });

  it('given a revision, when projected, then the new figures replace the old ones at the new version', () => {
    const fact = apply(null, statisticEvents.recorded(KEY, 1, '10.00', '1.000'), statisticEvents.revised(KEY, 2, '20.01', '2.002'));

    expect(fact).toMatchObject({ status: 'active', streamVersion: 2, valueUsdCents: 2001, weightGrams: 2002 });
  });

  it('given a retraction, when projected, then a tombstone with zero amounts and the reason remains (never a deletion)', () => {
    const fact = apply(null, statisticEvents.recorded(KEY, 1, '10.00', '1.000'), statisticEvents.retracted(KEY, 2, 'entered twice'));

    expect(fact).toMatchObject({ status: 'retracted', streamVersion: 2, valueUsdCents: 0, weightGrams: 0, retractionReason: 'entered twice' });
  });

  it('given a record after a retraction, when projected, then the statistic is active again', () => {
    const fact = apply(
      null,
      statisticEvents.recorded(KEY, 1, '10.00', '1.000'),
      statisticEvents.retracted(KEY, 2),
      statisticEvents.recorded(KEY, 3, '30.00', '3.000'),
    );

    expect(fact).toMatchObject({ status: 'active', streamVersion: 3, valueUsdCents: 3000, retractionReason: null });
  });

  it('given an event the fact already reflects (a duplicate or an older one), when projected, then nothing is written', () => {
    const current = apply(null, statisticEvents.recorded(KEY, 1, '10.00', '1.000'), statisticEvents.revised(KEY, 2, '20.00', '2.000'));

    expect(evolveFact(current, statisticEvents.revised(KEY, 2, '20.00', '2.000'), names)).toBeNull();
    expect(evolveFact(current, statisticEvents.recorded(KEY, 1, '10.00', '1.000'), names)).toBeNull();
  });

  it('given any delivery order of one stream, when applied with the version rule, then the result is the latest version', () => {
    const events = [
      statisticEvents.recorded(KEY, 1, '10.00', '1.000'),
      statisticEvents.revised(KEY, 2, '20.00', '2.000'),
      statisticEvents.retracted(KEY, 3),
      statisticEvents.recorded(KEY, 4, '40.00', '4.000'),
    ];
    const inOrder = apply(null, ...events);

    expect(apply(null, events[3], events[0], events[2], events[1], events[3])).toEqual(inOrder);
  });

  it('given a threshold alert and no fact before it, when projected, then there is nothing to move', () => {
    expect(evolveFact(null, statisticEvents.thresholdExceeded(KEY, 2, '2000000.00'), names)).toBeNull();
  });

  it('given a recorded fact, when its threshold alert follows, then the figures stay and the fact carries the stream version 2', () => {
    const recorded = statisticEvents.recorded(KEY, 1, '2000000.00', '5.0');
    const alert = statisticEvents.thresholdExceeded(KEY, 2, '2000000.00');

    const fact = apply(null, recorded, alert);

    expect(fact).toEqual({ ...evolveFact(null, recorded, names), streamVersion: 2, position: alert.position, occurredAt: '2026-09-01T00:00:00.000Z' });
  });

  it('given a fact already at version 2, when the threshold alert of version 2 comes again, then nothing changes', () => {
    const current = apply(null, statisticEvents.recorded(KEY, 1, '2000000.00', '5.0'), statisticEvents.thresholdExceeded(KEY, 2, '2000000.00'));

    expect(evolveFact(current, statisticEvents.thresholdExceeded(KEY, 2, '2000000.00'), names)).toBeNull();
  });

  it('given an amount with more decimals than cents, when projected, then it is refused rather than rounded', () => {
    expect(() => evolveFact(null, statisticEvents.recorded(KEY, 1, '1.005', '1.000'), names)).toThrow('1.005 has more than 2 decimals');
  });

  it('given a country deactivated (its facts archived), when a statistic of it is recorded or the country comes back, then the fact follows the country', () => {
    const archived = evolveFact(null, statisticEvents.recorded(KEY, 1, '10.00', '1.000'), { country: { ...country, archived: true }, product })!;

    const restored = renameFact(archived, names);

    expect(archived.archived).toBe(true);
    expect(restored).toEqual({ ...archived, archived: false });
  });

  it('given new names, when a fact is renamed, then only the names change', () => {
    const fact = apply(null, statisticEvents.recorded(KEY, 1, '10.00', '1.000'))!;

    const renamed = renameFact(fact, { country, product: { ...product, chapterNameKo: '전기 기기' } });

    expect(renamed).toEqual({ ...fact, chapterNameKo: '전기 기기' });
  });
});
