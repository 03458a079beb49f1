// pnpm bench: boots the CMS on a fresh SQLite database, seeds it, times GraphQL and a full site
// build, runs Lighthouse (mobile and desktop) on one page of each kind, and prints the figures.
// Loopback only; every wait is bounded; everything is stopped and removed at the end.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { lighthouseFigures, lighthouseScores, serveSite } from './lighthouse.mjs';
import { startServices } from './rebuild/services.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cmsDir = path.join(root, 'cms');
const siteDir = path.join(root, 'site');
const work = mkdtempSync(path.join(tmpdir(), 'bench-'));
const secret = () => randomBytes(24).toString('base64');

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function run(args, options) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({ ms: performance.now() - started, output });
      else reject(new Error(`${args.join(' ')} exited with ${code}:\n${output.slice(-3000)}`));
    });
  });
}

function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/u.exec(status)?.[1] ?? 0) / 1024;
}

async function main() {
  const port = await freePort();
  const ports = { site: await freePort(), rebuild: await freePort() };
  const rebuildSecret = secret();
  const admin = { email: 'bench@example.com', password: 'Bench-Passw0rd' };
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    REBUILD_WEBHOOK_URL: `http://127.0.0.1:${ports.rebuild}/webhook`,
    REBUILD_SECRET: rebuildSecret,
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(work, 'data.db'),
    SITE_TOKEN_FILE: path.join(work, 'token'),
    APP_KEYS: `${secret()},${secret()}`,
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    ENCRYPTION_KEY: secret(),
    STRAPI_TELEMETRY_DISABLED: 'true',
  };
  const figures = [];
  const started = performance.now();
  const cms = spawn(process.execPath, [path.join(cmsDir, 'node_modules/@strapi/strapi/bin/strapi.js'), 'start'], {
    cwd: cmsDir,
    env,
    stdio: 'ignore',
  });
  try {
    let up = false;
    while (!up && performance.now() - started < 180_000) {
      up = await fetch(`${url}/_health`, { signal: AbortSignal.timeout(2000) })
        .then((r) => r.status === 204)
        .catch(() => false);
      if (!up) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!up) throw new Error('The CMS did not answer within three minutes.');
    figures.push(['CMS first boot on an empty database, seeds included', seconds(performance.now() - started)]);
    figures.push(['CMS memory (RSS) after seeding', `${rssMiB(cms.pid).toFixed(0)} MiB`]);

    const seed = await run([path.join(cmsDir, 'scripts/seed.cjs'), '--reset'], { cwd: cmsDir, env });
    const inside = /Seeded in ([\d.]+) s/u.exec(seed.output)?.[1];
    figures.push(['pnpm seed --reset (whole command / import itself)', `${seconds(seed.ms)} / ${inside} s`]);

    const token = readFileSync(env.SITE_TOKEN_FILE, 'utf8').trim();
    const query = '{ committees(locale: "en", pagination: { pageSize: 100 }) { slug name focusItems { text } } }';
    const times = [];
    for (let i = 0; i < 20; i += 1) {
      const t0 = performance.now();
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
        signal: AbortSignal.timeout(10_000),
      });
      await response.json();
      times.push(performance.now() - t0);
    }
    figures.push([
      'GraphQL, 24 committees with their items (median / worst of 20)',
      `${median(times).toFixed(1)} / ${Math.max(...times).toFixed(1)} ms`,
    ]);

    const outDir = path.join(work, 'dist');
    const build = await run([path.join(siteDir, 'scripts/build.mjs')], {
      cwd: siteDir,
      env: { ...process.env, CMS_URL: url, STRAPI_TOKEN: token, SITE_OUT_DIR: outDir, SITE_LOG_LEVEL: 'warn' },
    });
    figures.push(['Site build (pnpm build against the running CMS)', seconds(build.ms)]);

    const pages = [];
    const walk = (dir) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (name.endsWith('.html')) pages.push(file);
      }
    };
    walk(outDir);
    figures.push(['Pages built', String(pages.length)]);
    const sized = pages.map((file) => ({ file, gzip: gzipSync(readFileSync(file)).length }));
    const largest = sized.sort((a, b) => b.gzip - a.gzip)[0];
    figures.push([
      'Largest HTML page (gzip)',
      `${path.relative(outDir, largest.file)}: ${(largest.gzip / 1024).toFixed(1)} KiB`,
    ]);
    // JavaScript a page loads: its scripts and islands, and every module those import, each counted once.
    const jsPerPage = new Map();
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      const entries = [...html.matchAll(/(?:<script[^>]+src|component-url|renderer-url)="([^"]+)"/gu)].map((m) => m[1]);
      const seen = new Set();
      const visit = (url) => {
        const target = path.join(outDir, url);
        if (seen.has(target)) return;
        seen.add(target);
        const code = readFileSync(target, 'utf8');
        for (const [, spec] of code.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/gu))
          visit(path.posix.join(path.posix.dirname(url), spec));
      };
      entries.forEach(visit);
      let bytes = [...seen].reduce((sum, target) => sum + gzipSync(readFileSync(target)).length, 0);
      for (const [, inline] of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gu))
        bytes += gzipSync(inline).length;
      if (bytes > 0) jsPerPage.set(path.relative(outDir, file), bytes);
    }
    figures.push(['Pages with JavaScript', `${jsPerPage.size} of ${pages.length}`]);
    for (const [page, bytes] of jsPerPage)
      figures.push([`  JS on ${page} (gzip, all modules)`, `${(bytes / 1024).toFixed(1)} KiB`]);

    // Lighthouse on the built site, served as the rebuild service serves it (security headers included).
    const served = await serveSite(outDir);
    try {
      figures.push(...lighthouseFigures(await lighthouseScores(served.url)));
    } finally {
      await served.close();
    }

    // Publish to live: the whole loop, from the admin's publish to the page served with the change.
    const services = await startServices({
      cmsUrl: url,
      siteToken: token,
      secret: rebuildSecret,
      ports,
      dirs: { site: path.join(work, 'live'), preview: path.join(work, 'preview') },
      log: () => {},
    });
    try {
      services.site.request('bench');
      await services.site.idle();
      await new Promise((resolve) => setTimeout(resolve, 3000)); // let late webhooks of the seed import arrive
      await services.site.idle();
      const login = await fetch(`${url}/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(admin),
        signal: AbortSignal.timeout(30_000),
      });
      const jwt = (await login.json()).data.token;
      const cm = async (method, route, body) => {
        const response = await fetch(`${url}/content-manager/collection-types/api::initiative.initiative${route}`, {
          method,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        return response.json();
      };
      const documentId = (await cm('GET', '?locale=ja&filters[slug][$eq]=rcep-certificates')).results[0].documentId;
      const live = [];
      for (let i = 0; i < 10; i += 1) {
        const text = `計測${i}-${randomBytes(3).toString('hex')}`;
        await cm('PUT', `/${documentId}?locale=ja`, { text });
        const t0 = performance.now();
        await cm('POST', `/${documentId}/actions/publish?locale=ja`, {});
        let seen = false;
        while (!seen && performance.now() - t0 < 120_000) {
          const html = await fetch(`${services.urls.site}initiatives/`, { signal: AbortSignal.timeout(10_000) }).then(
            (r) => r.text(),
          );
          seen = html.includes(text);
          if (!seen) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        if (!seen) throw new Error('A publish did not reach the site within two minutes.');
        live.push(performance.now() - t0);
        await services.site.idle();
      }
      figures.push([
        'Publish to live, 10 publishes (median / worst)',
        `${seconds(median(live))} / ${seconds(Math.max(...live))}`,
      ]);

      const before = services.site.status().counts.builds;
      await Promise.all(
        Array.from({ length: 50 }, () =>
          fetch(`${services.urls.rebuild}webhook`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${rebuildSecret}` },
            body: JSON.stringify({ event: 'entry.publish', uid: 'api::initiative.initiative' }),
            signal: AbortSignal.timeout(30_000),
          }),
        ),
      );
      await services.site.idle();
      figures.push([
        'Builds triggered by a burst of 50 webhook calls',
        String(services.site.status().counts.builds - before),
      ]);
    } finally {
      await services.close();
    }
  } finally {
    cms.kill('SIGTERM');
    await new Promise((resolve) => {
      const timer = setTimeout(() => cms.kill('SIGKILL'), 10_000);
      cms.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    rmSync(work, { recursive: true, force: true });
  }
  const width = Math.max(...figures.map(([name]) => name.length));
  console.log(`\nFigures (node ${process.version}, ${new Date().toISOString()}):`);
  for (const [name, value] of figures) console.log(`  ${name.padEnd(width)}  ${value}`);
}

main().catch((error) => {
  console.error(error.message);
  process.exitCode = 1;
});
