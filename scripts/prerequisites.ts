// pnpm test:prerequisites (and the first step of pnpm test): finds what the tests need outside
// node_modules, and installs what is missing on Debian or Ubuntu when it runs as root:
//   Chromium          the browser tests and the accessibility gates (CHROMIUM_PATH, else /usr/bin/chromium)
//   a Java runtime    the Nu HTML checker (vnu-jar) behind the HTML-validity gate
//   Noto Sans CJK     Japanese text measured in a Japanese font, as readers see it
//   PostgreSQL        the CMS suite's second database (TEST_POSTGRES_URL, else 127.0.0.1:5432); started
//                     when it is installed and down; required only with REQUIRE_POSTGRES=1 (CI)
// Where it cannot install (not root, no apt-get), it names the packages and exits with 1.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { pathToFileURL } from 'node:url';
import { chromiumPath } from '@tcci/site/chromium';

/** Something the tests need that a system package provides. */
export interface Prerequisite {
  /** What it is, for people. */
  name: string;
  /** The Debian package that provides it. */
  debianPackage: string;
  /** Whether this machine has it. */
  present: () => boolean;
}

/** Runs a command (at most 20 s) and returns its standard output, or undefined if it failed. */
function output(command: string, args: string[]): string | undefined {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 20_000 });
  return result.status === 0 ? result.stdout + result.stderr : undefined;
}

export const prerequisites: Prerequisite[] = [
  {
    get name() {
      return `Chromium (looked for at ${chromiumPath})`;
    },
    debianPackage: 'chromium',
    present: () => existsSync(chromiumPath),
  },
  {
    name: 'a Java runtime',
    debianPackage: 'default-jre-headless',
    present: () => output('java', ['-version']) !== undefined,
  },
  {
    name: 'the Noto Sans CJK fonts',
    debianPackage: 'fonts-noto-cjk',
    present: () => (output('fc-list', [':lang=ja', 'family']) ?? '').includes('Noto Sans CJK'),
  },
];

/** What to do about the missing prerequisites on a machine with or without root and apt-get. */
export function installPlan(
  missing: readonly Prerequisite[],
  machine: { root: boolean; apt: boolean },
): { action: 'nothing' } | { action: 'install'; packages: string[] } | { action: 'fail'; message: string } {
  if (missing.length === 0) return { action: 'nothing' };
  const packages = missing.map((item) => item.debianPackage);
  if (machine.root && machine.apt) return { action: 'install', packages };
  const what = missing.map((item) => `${item.name} (${item.debianPackage})`).join(', ');
  const how = machine.apt
    ? `Install them as root: sudo apt-get install -y ${packages.join(' ')}`
    : `Install them with your system's package manager (Chromium elsewhere than /usr/bin/chromium: set CHROMIUM_PATH).`;
  return { action: 'fail', message: `The tests need ${what}, which this machine lacks. ${how}` };
}

const postgresUrl = () => new URL(process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');

/** Whether something accepts connections at the PostgreSQL address (the suite then connects for real). */
function postgresAnswers(): Promise<boolean> {
  const url = postgresUrl();
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 5432), timeout: 3000 });
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

/** Starts this machine's PostgreSQL cluster if it is installed (Debian's pg_ctlcluster) and down. */
function startLocalPostgres(): void {
  if (!['127.0.0.1', 'localhost'].includes(postgresUrl().hostname) || !existsSync('/etc/postgresql')) return;
  const version = readdirSync('/etc/postgresql').sort().at(-1);
  if (!version || !existsSync('/usr/bin/pg_ctlcluster')) return;
  console.log(`Starting PostgreSQL ${version} …`);
  spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], {
    stdio: 'inherit',
    timeout: 60_000,
  });
}

async function main(): Promise<number> {
  const missing = prerequisites.filter((item) => !item.present());
  const plan = installPlan(missing, {
    root: process.getuid?.() === 0,
    apt: output('apt-get', ['--version']) !== undefined,
  });
  if (plan.action === 'fail') {
    console.error(plan.message);
    return 1;
  }
  if (plan.action === 'install') {
    console.log(`Installing ${plan.packages.join(', ')} for the tests …`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env, timeout: 300_000 });
    execFileSync('apt-get', ['install', '-y', '-qq', ...plan.packages], { stdio: 'inherit', env, timeout: 900_000 });
    const still = prerequisites.filter((item) => !item.present());
    if (still.length > 0) {
      console.error(`Still missing after the install: ${still.map((item) => item.name).join(', ')}.`);
      return 1;
    }
  }

  // PostgreSQL is the CMS suite's second database: optional locally, required where REQUIRE_POSTGRES=1.
  if (!(await postgresAnswers())) startLocalPostgres();
  if (!(await postgresAnswers())) {
    const where = `${postgresUrl().hostname}:${postgresUrl().port || 5432}`;
    if (process.env.REQUIRE_POSTGRES === '1') {
      console.error(
        `No PostgreSQL answers at ${where}, and REQUIRE_POSTGRES=1 requires it: start it, or set TEST_POSTGRES_URL.`,
      );
      return 1;
    }
    console.log(`No PostgreSQL answers at ${where}: the CMS suite's PostgreSQL run will be skipped.`);
    return 0;
  }
  console.log('The tests have what they need: Chromium, a Java runtime, the Noto Sans CJK fonts and PostgreSQL.');
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main();
