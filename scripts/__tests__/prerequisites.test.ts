import { describe, expect, it } from 'vitest';
import { installPlan, prerequisites, type Prerequisite } from '../prerequisites.ts';

const item = (name: string, debianPackage: string): Prerequisite => ({ name, debianPackage, present: () => false });
const chromium = item('Chromium', 'chromium');
const java = item('a Java runtime', 'default-jre-headless');

describe('the test prerequisites', () => {
  it('covers the browser, the HTML checker and the Japanese fonts', () => {
    expect(prerequisites.map((p) => p.debianPackage)).toEqual(['chromium', 'default-jre-headless', 'fonts-noto-cjk']);
  });

  it('does nothing when everything is there', () => {
    expect(installPlan([], { root: false, apt: false })).toEqual({ action: 'nothing' });
  });

  it('installs what is missing as root on Debian', () => {
    expect(installPlan([chromium, java], { root: true, apt: true })).toEqual({
      action: 'install',
      packages: ['chromium', 'default-jre-headless'],
    });
  });

  it('names each missing package and the command when it cannot install', () => {
    const plan = installPlan([chromium, java], { root: false, apt: true });
    expect(plan.action).toBe('fail');
    const message = plan.action === 'fail' ? plan.message : '';
    expect(message).toContain('Chromium (chromium)');
    expect(message).toContain('default-jre-headless');
    expect(message).toContain('a Java runtime (default-jre-headless)');
    expect(message).toContain('sudo apt-get install -y chromium default-jre-headless');
  });

  it('points to CHROMIUM_PATH on a system without apt-get', () => {
    const plan = installPlan([chromium], { root: true, apt: false });
    expect(plan.action === 'fail' && plan.message).toContain('CHROMIUM_PATH');
  });
});
