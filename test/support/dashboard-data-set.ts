import type { StoredEvent } from '../../src/platform/event-log/event-log.types';
import { countryEvents as c, productEvents as p, statisticEvents as s } from './read-model-events';

const EASTERN_ASIA = { code: '030', nameEn: 'Eastern Asia', nameKo: '동아시아' };
const NORTHERN_AMERICA = { code: '021', nameEn: 'Northern America', nameKo: '북부 아메리카' };
const SOUTH_EASTERN_ASIA = { code: '035', nameEn: 'South-eastern Asia', nameKo: '동남아시아' };
const EASTERN_EUROPE = { code: '151', nameEn: 'Eastern Europe', nameKo: '동유럽' };

const HEADPHONES = '8518309000';
const CARS = '8703231000';

/**
 * The small data set the dashboard e2e tests work out by hand (values in USD):
 *
 *   2025-03  CN headphones 100, US cars 300            2025-08  CN cars 100
 *   2026-03  CN headphones 200, US headphones 100,     2026-08  VN headphones 200,
 *            US cars 500, RU cars 1000 (RU inactive)            JP headphones 50, retracted
 *
 * 2026: 1000.00 national (RU left out), 2025: 500.00; partners US 600, CN 200, VN 200.
 */
export function dashboardDataSet(): StoredEvent[] {
  return [
    c.registered('CN', 'China', '중국', EASTERN_ASIA),
    c.registered('US', 'United States', '미국', NORTHERN_AMERICA),
    c.registered('VN', 'Vietnam', '베트남', SOUTH_EASTERN_ASIA),
    c.registered('JP', 'Japan', '일본', EASTERN_ASIA),
    c.registered('RU', 'Russia', '러시아', EASTERN_EUROPE),
    p.created('85', 'Electrical machinery and equipment', '전기기기', 'XVI'),
    p.created('8518', 'Microphones, loudspeakers, headphones', '마이크로폰, 확성기, 헤드폰', 'XVI'),
    p.created('851830', 'Headphones and earphones', '헤드폰과 이어폰', 'XVI'),
    p.created('87', 'Vehicles other than railway', '철도 외의 차량', 'XVII'),
    p.created('8703', 'Motor cars', '승용자동차', 'XVII'),
    p.created('870323', 'Cars of 1,500-3,000 cc', '승용차(1,500-3,000cc)', 'XVII'),
    s.recorded(['CN', HEADPHONES, '2025-03'], 1, '100.00', '10.000'),
    s.recorded(['US', CARS, '2025-03'], 1, '300.00', '1000.000'),
    s.recorded(['CN', CARS, '2025-08'], 1, '100.00', '400.000'),
    s.recorded(['CN', HEADPHONES, '2026-03'], 1, '150.00', '15.000'),
    s.revised(['CN', HEADPHONES, '2026-03'], 2, '200.00', '20.000', ['150.00', '15.000']),
    s.recorded(['US', HEADPHONES, '2026-03'], 1, '100.00', '5.000'),
    s.recorded(['US', CARS, '2026-03'], 1, '500.00', '1500.000'),
    s.recorded(['RU', CARS, '2026-03'], 1, '1000.00', '3000.000'),
    s.recorded(['VN', HEADPHONES, '2026-08'], 1, '200.00', '8.000'),
    s.recorded(['JP', HEADPHONES, '2026-08'], 1, '50.00', '1.000'),
    s.retracted(['JP', HEADPHONES, '2026-08'], 2, 'entered twice'),
    c.deactivated('RU', 2, 'sanctions'),
  ];
}
