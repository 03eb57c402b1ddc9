import { readFile } from 'node:fs/promises';
import { REPO_ROOT, runToExit } from '../support/app-process';

/**
 * The alert rules as Prometheus itself reads them: `promtool check rules` (syntax, templates) and
 * `promtool test rules` (prometheus/alerts.test.yml: for every alert, series that fire it and
 * series that do not). promtool comes from Debian's prometheus package (scripts/prometheus.sh).
 */
describe('Prometheus alert rules (promtool)', () => {
  const promtool = (...args: string[]) => runToExit('promtool', args, { ...process.env, PATH: process.env.PATH }, 60_000, `promtool ${args[0]} ${args[1]}`);

  it('are valid rules, every one of them', async () => {
    const output = await promtool('check', 'rules', `${REPO_ROOT}/prometheus/alerts.yml`);

    expect(output).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('fire on the series in alerts.test.yml that should fire them, and on no other', async () => {
    const output = await promtool('test', 'rules', `${REPO_ROOT}/prometheus/alerts.test.yml`);

    expect(output).toContain('SUCCESS');
    expect(output).not.toContain('FAILED');
  });

  it("are what compose's Prometheus loads: its prometheus/prometheus.yml is a valid config that finds alerts.yml", async () => {
    // check config reads the rule files it names and the scrape settings; it resolves no target
    // (app:3000 exists only inside compose), so it needs none of compose's services.
    const output = await promtool('check', 'config', `${REPO_ROOT}/prometheus/prometheus.yml`);

    expect(output).toMatch(/SUCCESS: 1 rule files found/);
    expect(output).toMatch(/SUCCESS: \d+ rules found/);
    expect(output).not.toContain('FAILED');
  });

  it('each have a test: every alert named in alerts.yml is evaluated in alerts.test.yml', async () => {
    const rules = await readFile(`${REPO_ROOT}/prometheus/alerts.yml`, 'utf8');
    const tests = await readFile(`${REPO_ROOT}/prometheus/alerts.test.yml`, 'utf8');
    const alerts = [...rules.matchAll(/^\s*- alert: (\w+)/gm)].map((match) => match[1]);
    const tested = new Set([...tests.matchAll(/alertname: (\w+)/g)].map((match) => match[1]));

    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.filter((alert) => !tested.has(alert))).toEqual([]);
  });
});
