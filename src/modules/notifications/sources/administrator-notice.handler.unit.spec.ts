import { administratorNotification } from './administrator-notice.handler';

const NOW = new Date('2026-12-01T00:00:00.000Z');

describe('administratorNotification', () => {
  it('given a completed deactivation, when mapped, then the process and outcome name it, so a command sent again is the same notification', () => {
    const notice = { code: 'RU', outcome: 'deactivated' as const, reason: 'sanctions', failure: null };

    expect(administratorNotification(notice, 'country-deactivation:e1', NOW)).toEqual({
      messageId: 'country-deactivation:e1:deactivated',
      dedupeKey: 'country-deactivation:e1:deactivated',
      kind: 'country-deactivated',
      subject: 'Country RU deactivated: out of the dashboards, its facts archived',
      facts: { country: 'RU', outcome: 'deactivated', process: 'country-deactivation:e1', reason: 'sanctions' },
      occurredAt: NOW,
    });
  });

  it('given an undone deactivation of the same process, when mapped, then it is another notification, saying what failed', () => {
    const notice = { code: 'RU', outcome: 'deactivation-undone' as const, reason: 'sanctions', failure: 'archive-facts failed: timeout' };

    const notification = administratorNotification(notice, 'country-deactivation:e1', NOW);

    expect([notification.messageId, notification.subject, notification.facts.failure]).toEqual([
      'country-deactivation:e1:deactivation-undone',
      'Deactivation of country RU failed and was undone: RU is active again',
      'archive-facts failed: timeout',
    ]);
  });
});
