// One seeded CMS (on SQLite) and one site built from it, shared by the test files that only read them,
// across the cms, site and scripts projects. Started lazily: the first file that asks starts the CMS (and
// builds the site), so a run of unit tests alone starts nothing. Test files ask through `shared.ts`.
// It also hands out a copy of that CMS's seeded database, for the tests that change content on a CMS of
// their own but are not about the first start.
//
// Vitest runs this setup once per project in the main process; the projects share one broker through
// `globalThis`, and it stops when the last project's teardown runs. Test files run in worker processes,
// so they reach it over HTTP on the loopback interface, at a URL with a random key (`inject`).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { TestProject } from 'vitest/node';
import { runBuild } from '../../../site/__tests__/run-build.ts';
import { ensureCmsBuild } from '../../scripts/process.mts';
import { sqliteDatabase, TestCms } from '../harness.ts';
import type { SeededDatabaseInfo, SharedCmsInfo, SharedSiteInfo } from './shared.ts';

interface Broker {
  url: string;
  users: number;
  close(): Promise<void>;
}

const key = Symbol.for('tcci.sharedBroker');
const registry = globalThis as { [key]?: Promise<Broker> };

function startBroker(): Promise<Broker> {
  const secret = randomBytes(16).toString('hex');
  const started: TestCms[] = [];
  const dirs: string[] = [];
  let cms: Promise<SharedCmsInfo> | undefined;
  let site: Promise<SharedSiteInfo> | undefined;
  let seeded: Promise<SeededDatabaseInfo> | undefined;

  const startCms = async (): Promise<SharedCmsInfo> => {
    // As `pnpm start` does: the server code compiled and the admin built (quick when they are current).
    await ensureCmsBuild();
    const instance = new TestCms(sqliteDatabase);
    started.push(instance);
    const since = Date.now();
    await instance.start();
    console.log(`shared CMS (SQLite) up at ${instance.url} in ${((Date.now() - since) / 1000).toFixed(1)} s`);
    return { url: instance.url, env: { ...instance.env } };
  };

  const buildSite = async (): Promise<SharedSiteInfo> => {
    const source = await (cms ??= startCms());
    const outDir = mkdtempSync(path.join(tmpdir(), 'site-shared-'));
    dirs.push(outDir);
    const since = Date.now();
    const built = await runBuild({
      CMS_URL: source.url,
      STRAPI_TOKEN: readFileSync(source.env.SITE_TOKEN_FILE!, 'utf8').trim(),
      SITE_OUT_DIR: outDir,
    });
    console.log(`shared site built in ${((Date.now() - since) / 1000).toFixed(1)} s (exit ${built.code})`);
    return { cms: source, outDir, code: built.code, output: built.output };
  };

  // A copy of the shared CMS's database as its first start left it (seeded, with its admin, roles and
  // tokens), taken online with VACUUM INTO before any test reads it: a test that needs a seeded CMS of
  // its own starts on a copy, which saves the first start's schema and import (some 4.5 s of CPU each).
  const copySeeded = async (): Promise<SeededDatabaseInfo> => {
    const source = await (cms ??= startCms());
    const dir = mkdtempSync(path.join(tmpdir(), 'seeded-database-'));
    dirs.push(dir);
    const file = path.join(dir, 'seeded.db');
    const db = new Database(source.env.DATABASE_FILENAME, { readonly: true, fileMustExist: true });
    try {
      db.prepare('VACUUM INTO ?').run(file);
    } finally {
      db.close();
    }
    return { file };
  };

  const server: Server = createServer((request, response) => {
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const route = request.url?.startsWith(`/${secret}/`) ? request.url.slice(secret.length + 1) : undefined;
    const jobs: Record<string, () => Promise<unknown>> = {
      '/cms': () => (cms ??= startCms()),
      '/site': () => (site ??= buildSite()),
      '/seeded-database': () => (seeded ??= copySeeded()),
    };
    const job = route && Object.hasOwn(jobs, route) ? jobs[route]!() : undefined;
    if (!job) return answer(404, { error: 'no such thing' });
    // A start or a build can take minutes on a busy machine: the asker is told to ask again every 20 s.
    let timer: NodeJS.Timeout | undefined;
    const pending = new Promise<'pending'>((resolve) => (timer = setTimeout(() => resolve('pending'), 20_000)));
    Promise.race([job, pending])
      .then(
        (value) => answer(value === 'pending' ? 202 : 200, value === 'pending' ? { pending: true } : value),
        (error: unknown) => answer(500, { error: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => clearTimeout(timer));
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}/${secret}`,
        users: 0,
        async close() {
          await new Promise<void>((done) => server.close(() => done()));
          await Promise.allSettled([cms, site, seeded]);
          for (const instance of started) await instance.destroy();
          for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
        },
      });
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const broker = await (registry[key] ??= startBroker());
  broker.users += 1;
  project.provide('sharedBroker', broker.url);
  return async () => {
    broker.users -= 1;
    if (broker.users > 0) return;
    delete registry[key];
    await broker.close();
  };
}
