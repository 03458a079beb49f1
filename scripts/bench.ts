// pnpm bench: boots the CMS on a fresh SQLite database, seeds it, times GraphQL and a full site
// build (without and with the link-preview cards cached), runs Lighthouse (mobile and desktop) on
// one page of each kind, sizes the search index and what a search query transfers, times publish to live; then
// makes ten editions of the plan with the product's copy action and times the build and publish to
// live again, and prints the figures. Loopback only; every wait is bounded; everything is stopped
// and removed at the end.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  ensureCmsBuild,
  freePort,
  prepareCmsEnv,
  runCmsCommand,
  runScript,
  startCms,
  type RunningCms,
  type ScriptResult,
} from '@tcci/cms/process';
import { lighthouseFigures, lighthouseScores, serveSite } from './lighthouse.ts';
import { searchIndexFigures, searchQueryFigures } from './search-bench.ts';
import { startServices } from './rebuild/services.ts';

const root = path.resolve(import.meta.dirname, '..');
const siteDir = path.join(root, 'site');
const work = mkdtempSync(path.join(tmpdir(), 'bench-'));
const secret = () => randomBytes(24).toString('base64');

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** A step's result, or an error with its output's tail when it failed. */
function succeeded(what: string, result: ScriptResult): ScriptResult {
  if (result.code !== 0) throw new Error(`${what} exited with ${result.code}:\n${result.output.slice(-3000)}`);
  return result;
}

function rssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/u.exec(status)?.[1] ?? 0) / 1024;
}

/** Every HTML file under a folder. */
function htmlFiles(dir: string): string[] {
  const pages: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const file = path.join(folder, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith('.html')) pages.push(file);
    }
  };
  walk(dir);
  return pages;
}

/**
 * A loopback proxy in front of the CMS that counts the GraphQL requests passing through it: what a
 * build asks of the CMS, counted outside the build.
 */
async function countingProxy(target: string) {
  let graphql = 0;
  const server = createServer((req, res) => {
    if ((req.url ?? '').startsWith('/graphql')) graphql += 1;
    const upstream = httpRequest(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers, timeout: 60_000 },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('timeout', () => upstream.destroy(new Error('The CMS did not answer within a minute.')));
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    requests: () => graphql,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The link-preview cards' cache of the bench's builds (a fresh one: the first build renders every card). */
const ogCache = path.join(work, 'og-cache');

/**
 * A full site build against the CMS at `cmsUrl`: its time, its pages, the GraphQL requests it sent,
 * and what its steps after the pages logged (link-preview cards rendered, search index).
 */
async function timedBuild(cmsUrl: string, token: string, outDir: string) {
  const proxy = await countingProxy(cmsUrl);
  try {
    const build = succeeded(
      'The site build',
      await runScript(path.join(siteDir, 'scripts/build.ts'), [], {
        cwd: siteDir,
        env: {
          ...process.env,
          CMS_URL: proxy.url,
          STRAPI_TOKEN: token,
          SITE_OUT_DIR: outDir,
          SITE_OG_CACHE: ogCache,
          SITE_LOG_LEVEL: 'info',
        },
        compiled: true,
      }),
    );
    const pages = htmlFiles(outDir);
    const cards = /(\d+) link-preview cards: (\d+) rendered, \d+ from the cache, in (\d+) ms/u.exec(build.output);
    const search = /search index of (\d+) pages .* written in (\d+) ms/u.exec(build.output);
    const rendering = /page\(s\) built in ([\d.]+)s/u.exec(build.output);
    if (!cards || !search)
      throw new Error(`The site build did not report its cards and search index:\n${build.output}`);
    return {
      ms: build.ms,
      pages,
      requests: proxy.requests(),
      perSecond: pages.length / (build.ms / 1000),
      cards: { total: Number(cards[1]), rendered: Number(cards[2]), ms: Number(cards[3]) },
      searchIndexMs: Number(search[2]),
      renderingMs: rendering ? Number(rendering[1]) * 1000 : NaN,
    };
  } finally {
    await proxy.close();
  }
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
  const figures: [string, string][] = [];
  // As `pnpm start` does before it starts the CMS; a stale server build is compiled here, off the clock.
  prepareCmsEnv({ env });
  await ensureCmsBuild();
  const started = performance.now();
  let cms: RunningCms | undefined;
  try {
    cms = await startCms({ port, env });
    figures.push(['CMS first boot on an empty database, seeds included', seconds(performance.now() - started)]);
    figures.push(['CMS memory (RSS) after seeding', `${rssMiB(cms.pid).toFixed(0)} MiB`]);

    const seed = succeeded('pnpm seed --reset', await runCmsCommand('seed', ['--reset'], { env }));
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
    const cold = await timedBuild(url, token, outDir);
    const one = await timedBuild(url, token, outDir);
    const pages = one.pages;
    figures.push(['Site build, one edition (pnpm build against the running CMS)', seconds(one.ms)]);
    figures.push(['  the same with no link-preview card in the cache', seconds(cold.ms)]);
    const perCard = (ms: number, count: number) => (count > 0 ? ` (${(ms / count).toFixed(0)} ms a card)` : '');
    figures.push([
      'Link-preview cards, no cache / cached',
      `${cold.cards.rendered} of ${cold.cards.total} rendered in ${seconds(cold.cards.ms)}${perCard(cold.cards.ms, cold.cards.rendered)} / ${one.cards.rendered} rendered, ${one.cards.ms} ms`,
    ]);
    figures.push(["  of which Astro's build (pages, then the steps after them)", seconds(one.renderingMs)]);
    figures.push(['  of which the search index', `${one.searchIndexMs} ms`]);
    figures.push(['GraphQL requests per build, one edition', String(one.requests)]);
    figures.push(['Pages per second, one edition', one.perSecond.toFixed(1)]);
    figures.push(['Pages built, one edition', String(pages.length)]);
    const sized = pages.map((file) => ({ file, gzip: gzipSync(readFileSync(file)).length }));
    const largest = sized.sort((a, b) => b.gzip - a.gzip)[0];
    if (!largest) throw new Error(`The build wrote no page into ${outDir}.`);
    figures.push([
      'Largest HTML page (gzip)',
      `${path.relative(outDir, largest.file)}: ${(largest.gzip / 1024).toFixed(1)} KiB`,
    ]);
    // JavaScript a page loads: its scripts and islands, and every module those import, each counted once.
    const jsPerPage = new Map<string, number>();
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      const entries = [...html.matchAll(/(?:<script[^>]+src|component-url|renderer-url)="([^"]+)"/gu)].map(
        (m) => m[1]!,
      );
      const seen = new Set<string>();
      const visit = (url: string) => {
        const target = path.join(outDir, url);
        if (seen.has(target)) return;
        seen.add(target);
        const code = readFileSync(target, 'utf8');
        for (const [, spec] of code.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/gu))
          visit(path.posix.join(path.posix.dirname(url), spec!));
      };
      entries.forEach(visit);
      let bytes = [...seen].reduce((sum, target) => sum + gzipSync(readFileSync(target)).length, 0);
      // Inline scripts a browser runs (the structured data, application/ld+json, is a data block).
      for (const [, inline] of html.matchAll(
        /<script(?![^>]*\bsrc=)(?![^>]*type="application\/ld\+json")[^>]*>([\s\S]*?)<\/script>/gu,
      ))
        bytes += gzipSync(inline ?? '').length;
      if (bytes > 0) jsPerPage.set(path.relative(outDir, file), bytes);
    }
    figures.push(['Pages with JavaScript', `${jsPerPage.size} of ${pages.length}`]);
    for (const [page, bytes] of jsPerPage)
      figures.push([`  JS on ${page} (gzip, all modules)`, `${(bytes / 1024).toFixed(1)} KiB`]);

    // Lighthouse on the built site, served as the rebuild service serves it (security headers included).
    const served = await serveSite(outDir);
    try {
      figures.push(...lighthouseFigures(await lighthouseScores(served.url)));
      figures.push(...searchIndexFigures(outDir), ...(await searchQueryFigures(served.url)));
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
      const jwt = ((await login.json()) as { data: { token: string } }).data.token;
      const cm = async (method: string, route: string, body?: unknown) => {
        const response = await fetch(`${url}/content-manager/collection-types/api::initiative.initiative${route}`, {
          method,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        return (await response.json()) as { results: { documentId: string }[] };
      };
      const documentId = (await cm('GET', '?locale=ja&filters[slug][$eq]=rcep-certificates')).results[0]?.documentId;
      if (!documentId) throw new Error('The seeded plan has no initiative rcep-certificates.');
      /**
       * Publish to live: `count` edits of one initiative's Japanese text, each timed from the admin's
       * publish until the site's current initiatives page serves it (at most `minutes` each).
       */
      const publishesToLive = async (documentId: string, count: number, mark: string, minutes: number) => {
        const times: number[] = [];
        for (let i = 0; i < count; i += 1) {
          const text = `${mark}${i}-${randomBytes(3).toString('hex')}`;
          await cm('PUT', `/${documentId}?locale=ja`, { text });
          const t0 = performance.now();
          await cm('POST', `/${documentId}/actions/publish?locale=ja`, {});
          let seen = false;
          while (!seen && performance.now() - t0 < minutes * 60_000) {
            const html = await fetch(`${services.urls.site}initiatives/`, {
              signal: AbortSignal.timeout(10_000),
            }).then((r) => r.text());
            seen = html.includes(text);
            if (!seen) await new Promise((resolve) => setTimeout(resolve, 100));
          }
          if (!seen) throw new Error(`A publish did not reach the site within ${minutes} minutes.`);
          times.push(performance.now() - t0);
          await services.site.idle();
        }
        return times;
      };
      const live = await publishesToLive(documentId, 10, '計測', 2);
      figures.push([
        'Publish to live, one edition, 10 publishes (median / worst)',
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

      // Ten editions: fiscal 2022 to 2030 started one from the other by the product's own copy action
      // (the admin's "Start next year's plan"), each published; bench data in this scratch database only.
      const adminApi = async (method: string, route: string, body?: unknown): Promise<unknown> => {
        const response = await fetch(`${url}${route}`, {
          method,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(120_000),
        });
        const answer: unknown = await response.json();
        if (!response.ok) throw new Error(`${method} ${route}: HTTP ${response.status} ${JSON.stringify(answer)}`);
        return answer;
      };
      const plans = '/content-manager/collection-types/api::annual-plan.annual-plan';
      const copies: number[] = [];
      let copied = 0;
      for (let year = 2022; year <= 2030; year += 1) {
        const t0 = performance.now();
        const started = (await adminApi('POST', '/plan/editions', { from: year - 1 })) as {
          data: { entries: number; annualPlan: string };
        };
        copies.push(performance.now() - t0);
        copied = Number(started.data.entries);
        for (const locale of ['ja', 'en'])
          await adminApi('POST', `${plans}/${started.data.annualPlan}/actions/publish?locale=${locale}`, {});
      }
      figures.push([
        `Start next year's plan, ${copied} entries (median / worst of ${copies.length})`,
        `${seconds(median(copies))} / ${seconds(Math.max(...copies))}`,
      ]);
      await new Promise((resolve) => setTimeout(resolve, 3000)); // the publishes' rebuilds, off the clock
      await services.site.idle();

      // Fiscal 2022–2030's cards are new to the cache: the first build draws them, the second reuses them.
      const tenCold = await timedBuild(url, token, path.join(work, 'dist-ten'));
      const ten = await timedBuild(url, token, path.join(work, 'dist-ten'));
      figures.push(['Site build, ten editions', seconds(ten.ms)]);
      figures.push([
        '  the same drawing the new editions’ link-preview cards (drawn / all)',
        `${seconds(tenCold.ms)} (${tenCold.cards.rendered} / ${tenCold.cards.total} in ${seconds(tenCold.cards.ms)})`,
      ]);
      figures.push(["  of which Astro's build (pages, then the steps after them)", seconds(ten.renderingMs)]);
      figures.push(['  of which the search index', `${ten.searchIndexMs} ms`]);
      figures.push(['Pages built, ten editions', String(ten.pages.length)]);
      figures.push(['GraphQL requests per build, ten editions', String(ten.requests)]);
      figures.push([
        'Pages per second, ten editions',
        `${ten.perSecond.toFixed(1)} (${ten.perSecond >= one.perSecond ? '+' : ''}${((ten.perSecond / one.perSecond - 1) * 100).toFixed(0)} % against one edition)`,
      ]);

      const latest = (await cm('GET', '?locale=ja&filters[slug][$eq]=rcep-certificates&filters[edition][$eq]=2030'))
        .results[0]?.documentId;
      if (!latest) throw new Error('Fiscal 2030 has no initiative rcep-certificates.');
      const liveTen = await publishesToLive(latest, 3, '計測十', 3);
      figures.push([
        'Publish to live, ten editions, 3 publishes (median / worst)',
        `${seconds(median(liveTen))} / ${seconds(Math.max(...liveTen))}`,
      ]);
    } finally {
      await services.close();
    }
  } finally {
    await cms?.stop();
    rmSync(work, { recursive: true, force: true });
  }
  const width = Math.max(...figures.map(([name]) => name.length));
  console.log(`\nFigures (node ${process.version}, ${new Date().toISOString()}):`);
  for (const [name, value] of figures) console.log(`  ${name.padEnd(width)}  ${value}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
