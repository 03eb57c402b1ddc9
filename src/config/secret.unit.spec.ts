import { inspect } from 'node:util';
import { loadConfig } from './app-config';
import { Secret } from './secret';

describe('secrets in the configuration (unit)', () => {
  const url = 'https://hooks.example.test/services/T000/B000/XXXXSECRETXXXX';

  it('show as [redacted] however they are printed; only reveal() gives the text', () => {
    const config = loadConfig({ NOTIFY_WEBHOOK_URL: url, NOTIFY_SMTP_USER: 'ops', NOTIFY_SMTP_PASSWORD: 'hunter2-password' });

    const printed = [String(config.NOTIFY_WEBHOOK_URL), JSON.stringify(config), inspect(config, { depth: 5 }), `${config.NOTIFY_SMTP_PASSWORD}`].join('\n');

    expect(printed).not.toContain('XXXXSECRETXXXX');
    expect(printed).not.toContain('hunter2');
    expect(config.NOTIFY_WEBHOOK_URL).toBeInstanceOf(Secret);
    expect(config.NOTIFY_WEBHOOK_URL?.reveal()).toBe(url);
  });

  it('a malformed webhook URL is refused by name, without echoing it', () => {
    expect(() => loadConfig({ NOTIFY_WEBHOOK_URL: 'ftp://secret-token@example.test' })).toThrow(/NOTIFY_WEBHOOK_URL: an http\(s\) URL/);
    try {
      loadConfig({ NOTIFY_WEBHOOK_URL: 'ftp://secret-token@example.test' });
    } catch (error) {
      expect(String(error)).not.toContain('secret-token');
    }
  });

  it('an e-mail channel needs its sender and recipients', () => {
    expect(() => loadConfig({ NOTIFY_SMTP_HOST: 'smtp.example.test' })).toThrow(/NOTIFY_EMAIL_TO: required[\s\S]*NOTIFY_EMAIL_FROM: required/);
  });
});
