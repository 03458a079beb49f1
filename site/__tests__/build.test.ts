import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { editionDir, loadSeeds } from '@tcci/seeds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@tcci/cms/process';
import { TestCms } from '../../cms/__tests__/harness.ts';
import { seededSqliteDatabase, sharedSite, siteTokenOf } from '../../cms/__tests__/shared/shared.ts';
import { currentCopiesIn } from '../scripts/current-edition.ts';
import { pageDateModified } from '../scripts/sitemap.ts';
import { cmsRequest } from '../src/lib/source.ts';
import { pagesOf, runBuild } from './run-build.ts';

const seeds = loadSeeds(editionDir(2021), 2021);
const sections = ['', 'plan', 'challenges', 'initiatives', 'covid', 'divisions', 'committees', 'branches'];
const prefixes = { ja: '', en: 'en/' } as const;

/** The visible text of a page: tags dropped, entities decoded, whitespace folded. */
function textOf(html: string): string {
  return (
    html
      .replace(/<script[\s\S]*?<\/script>/gu, ' ')
      // A span is inline: it parts no words (a Japanese phrase marked lang="ja" in English text).
      .replace(/<\/?span\b[^>]*>/gu, '')
      .replace(/<[^>]+>/gu, ' ')
      .replace(/&#(\d+);/gu, (_, code: string) => String.fromCodePoint(Number(code)))
      .replace(/&#x([0-9a-f]+);/giu, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
      .replaceAll('&quot;', '"')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&')
      .replace(/\s+/gu, ' ')
  );
}

const fold = (text: string) => text.replace(/\s+/gu, ' ');

/** The sitemap's entries: each address, its lastmod and its alternates by language. */
function sitemapOf(dir: string): Map<string, { lastmod?: string; links: Record<string, string> }> {
  const xml = readFileSync(path.join(dir, 'sitemap-0.xml'), 'utf8');
  const entries = new Map<string, { lastmod?: string; links: Record<string, string> }>();
  for (const [, body = ''] of xml.matchAll(/<url>([\s\S]*?)<\/url>/gu)) {
    const loc = new URL(/<loc>([^<]+)<\/loc>/u.exec(body)![1]!).pathname;
    const lastmod = /<lastmod>([^<]+)<\/lastmod>/u.exec(body)?.[1];
    const links = Object.fromEntries(
      [...body.matchAll(/hreflang="([^"]+)" href="([^"]+)"/gu)].map(([, lang, href]) => [
        lang!,
        new URL(href!).pathname,
      ]),
    );
    entries.set(loc, { ...(lastmod ? { lastmod } : {}), links });
  }
  return entries;
}

/** When the CMS last saved an entry (published, in a locale), and the annual plan of its edition. */
async function cmsUpdatedAt(url: string, token: string, locale: string, slug: string) {
  const request = cmsRequest(url, token);
  const data = (await request(
    `query ($locale: I18NLocaleCode!, $slug: String!) { initiatives(locale: $locale, filters: { slug: { eq: $slug }, edition: { eq: 2021 } }) { updatedAt } annualPlans(locale: $locale, filters: { edition: { eq: 2021 } }) { updatedAt } }`,
    { locale, slug },
  )) as { initiatives: { updatedAt: string }[]; annualPlans: { updatedAt: string }[] };
  return { initiative: data.initiatives[0]!.updatedAt, plan: data.annualPlans[0]!.updatedAt };
}

describe('the site built from a real, seeded CMS', () => {
  // The site built once from the shared CMS (cms/__tests__/shared), read by the browser tests too.
  const cms = { url: '' };
  let outDir = '';
  let pages: Map<string, string>;
  let firstBuild: { code: number; output: string };

  beforeAll(async () => {
    const site = await sharedSite();
    cms.url = site.cms.url;
    outDir = site.outDir;
    firstBuild = site;
    pages = firstBuild.code === 0 ? pagesOf(outDir) : new Map();
  });

  it('builds', () => {
    expect(firstBuild.code, firstBuild.output).toBe(0);
    expect(firstBuild.output).toContain(`from ${cms.url}`);
  });

  it('lists every page in the sitemap with its alternates, x-default and the CMS’s time of its last change', async () => {
    const site = await sharedSite();
    const sitemap = sitemapOf(outDir);
    expect(sitemap.size).toBeGreaterThan(100);
    for (const [loc, { lastmod, links }] of sitemap) {
      expect(loc, loc).toMatch(/^\/(?:en\/)?(?:\d{4}\/|archive\/|accessibility\/|updates\/)/u);
      expect(loc).not.toMatch(/\/search\/$/u);
      expect(links['x-default'], loc).toBe(links.ja);
      expect(links.en, loc).toBe(`/en${links.ja}`);
      // The page's own dateModified, which an edition's every page has and the site's own pages do not.
      const html = readFileSync(path.join(outDir, loc, 'index.html'), 'utf8');
      expect(lastmod, loc).toBe(pageDateModified(html));
      if (/^\/(?:en\/)?\d{4}\//u.test(loc)) expect(lastmod, loc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/u);
      // Readers see the same: when the page last changed, as its day in Tokyo.
      if (lastmod) {
        const english = loc.startsWith('/en/');
        const day = new Intl.DateTimeFormat(english ? 'en-GB' : 'ja-JP', { dateStyle: 'long', timeZone: 'Asia/Tokyo' });
        expect(textOf(html), loc).toContain(
          `${english ? 'Last updated: ' : '最終更新：'}${day.format(new Date(lastmod))}`,
        );
      }
    }
    // An initiative's page: the later of the initiative's and the annual plan's update, as the CMS keeps them.
    const times = await cmsUpdatedAt(site.cms.url, siteTokenOf(site.cms), 'en', 'restructuring-support');
    expect(sitemap.get('/en/2021/initiatives/restructuring-support/')?.lastmod).toBe(
      [times.initiative, times.plan].sort().at(-1),
    );
  });

  it('says a build without SITE_URL links to the loopback address, and names the sitemap in robots.txt', () => {
    expect(firstBuild.output).toContain(
      'SITE_URL is not set: the canonical, hreflang and sitemap links use the loopback address http://127.0.0.1:4321/',
    );
    expect(readFileSync(path.join(outDir, 'robots.txt'), 'utf8')).toBe(
      'User-agent: *\nAllow: /\n\nSitemap: http://127.0.0.1:4321/sitemap-index.xml\n',
    );
    expect(existsSync(path.join(outDir, 'sitemap-index.xml'))).toBe(true);
  });

  it('describes every page for search engines and link previews, from its content, with structured data', () => {
    const decode = (text: string) =>
      text
        .replace(/&#(\d+);/gu, (_, code: string) => String.fromCodePoint(Number(code)))
        .replaceAll('&quot;', '"')
        .replaceAll('&lt;', '<')
        .replaceAll('&gt;', '>')
        .replaceAll('&amp;', '&');
    const attribute = (html: string, pattern: RegExp) => {
      const found = pattern.exec(html)?.[1];
      return found === undefined ? undefined : decode(found);
    };
    const descriptions = new Set<string>();
    for (const [url, html] of pages) {
      const description = attribute(html, /<meta name="description" content="([^"]+)"/u);
      expect(description, url).toBeTruthy();
      descriptions.add(description!);
      expect([...description!].length, url).toBeLessThanOrEqual(160);
      const canonical = attribute(html, /<link rel="canonical" href="([^"]+)"/u);
      expect(attribute(html, /<meta property="og:url" content="([^"]+)"/u), url).toBe(canonical);
      expect(attribute(html, /<meta property="og:description" content="([^"]+)"/u), url).toBe(description);
      expect(attribute(html, /<meta property="og:title" content="([^"]+)"/u), url).toBe(
        attribute(html, /<title>([^<]+)<\/title>/u),
      );
      expect(html, url).toContain('<meta name="twitter:card" content="summary_large_image">');
      const data = JSON.parse(attribute(html, /<script type="application\/ld\+json">([^<]+)<\/script>/u) ?? '{}') as {
        '@graph': { '@type': string; name?: string; alternateName?: string[]; url?: string }[];
      };
      const organisation = data['@graph'].find((node) => node['@type'] === 'Organization');
      expect(organisation, url).toMatchObject({
        name: '東京商工会議所',
        alternateName: ['The Tokyo Chamber of Commerce and Industry'],
      });
      expect(data['@graph'].find((node) => node['@type'] === 'WebPage')?.url, url).toBe(canonical);
    }
    // Drawn from each page's content: the pages of one kind differ (every branch page has its own).
    expect(descriptions.size).toBeGreaterThan(60);
    const koto = pages.get('/2021/branches/koto/')!;
    const kotoFocus = seeds.branch.find((branch) => branch.slug === 'koto')!.focusItems[0]!.ja;
    expect(attribute(koto, /<meta name="description" content="([^"]+)"/u)).toContain(kotoFocus.slice(0, 20));
    const plan = JSON.parse(/<script type="application\/ld\+json">([^<]+)<\/script>/u.exec(koto)![1]!) as {
      '@graph': { '@type': string; name?: string }[];
    };
    expect(plan['@graph'].find((node) => node['@type'] === 'CreativeWork')?.name).toBe(seeds.annualPlan[0]!.title.ja);
  });

  it("publishes every page in both languages, at the same paths, at the edition's permanent addresses and without the year", () => {
    for (const prefix of Object.values(prefixes)) {
      for (const year of ['2021/', '']) {
        for (const section of sections)
          expect(pages.has(`/${prefix}${year}${section ? `${section}/` : ''}`), `${prefix}${year}${section}`).toBe(
            true,
          );
        for (const branch of seeds.branch)
          expect(pages.has(`/${prefix}${year}branches/${branch.slug}/`), branch.slug).toBe(true);
        for (const initiative of seeds.initiative)
          expect(pages.has(`/${prefix}${year}initiatives/${initiative.slug}/`), initiative.slug).toBe(true);
      }
      expect(pages.has(`/${prefix}archive/`)).toBe(true);
      expect(pages.has(`/${prefix}2021/archive/`)).toBe(false);
    }
    expect(pages.has('/404.html')).toBe(true);
    expect(pages.has('/en/404/')).toBe(true);
  });

  it('shows the current edition without the year: its permanent pages byte for byte, whose canonical link is the permanent address', () => {
    const copies = currentCopiesIn(outDir);
    // Both languages' home, sections, branches, initiatives, open data, print and search pages; and the open data's files.
    const pagesCopied = copies.filter((copy) => copy.to.endsWith('.html'));
    expect(pagesCopied).toHaveLength(2 * (sections.length + seeds.branch.length + seeds.initiative.length + 3));
    expect(copies.map((copy) => copy.to)).toContain('data/initiatives.ja.csv');
    for (const { from, to } of pagesCopied) {
      expect(readFileSync(path.join(outDir, to), 'utf8'), to).toBe(readFileSync(path.join(outDir, from), 'utf8'));
      const canonical = /<link rel="canonical" href="([^"]+)"/u.exec(readFileSync(path.join(outDir, to), 'utf8'))?.[1];
      expect(new URL(canonical!).pathname, to).toBe(`/${from.replace(/index\.html$/u, '')}`);
    }
  });

  it('gives every initiative a page of its own: its text, column, category, 新, place and neighbours, linked from the lists', () => {
    const initiatives = [...seeds.initiative].sort((a, b) => a.order - b.order);
    const rcep = seeds.initiative.find((i) => i.slug === 'rcep-certificates')!;
    for (const [locale, prefix] of Object.entries(prefixes) as ['ja' | 'en', string][]) {
      for (const initiative of initiatives) {
        const html = pages.get(`/${prefix}2021/initiatives/${initiative.slug}/`)!;
        const text = textOf(html);
        expect(text, initiative.slug).toContain(fold(initiative.text[locale]));
        expect(html.includes('class="badge-new"'), initiative.slug).toBe(Boolean(initiative.isNew));
        expect(html, initiative.slug).toContain(`href="/${prefix}2021/initiatives/#${initiative.slug}"`);
        // Linked from the list it is in.
        const list = initiative.column === 'covid' ? ['initiatives', 'covid'] : ['initiatives'];
        for (const page of list)
          expect(pages.get(`/${prefix}2021/${page}/`), `${page} → ${initiative.slug}`).toContain(
            `href="/${prefix}2021/initiatives/${initiative.slug}/"`,
          );
      }
    }
    const page = textOf(pages.get(`/2021/initiatives/${rcep.slug}/`)!);
    expect(page).toMatch(
      /(重点分野への取り組み|「コロナ禍対応」の取り組み)・(経営支援|事業・会員サービス|政策要望・地域振興)の\d+件目（\d+件中）/u,
    );
    expect(page).toMatch(/(前|次)の取り組み/u);
  });

  it('prints the whole plan on one page, in reading order, with a table of contents', () => {
    for (const [locale, prefix] of Object.entries(prefixes) as ['ja' | 'en', string][]) {
      const html = pages.get(`/${prefix}2021/print/`)!;
      const text = textOf(html);
      const order = [
        seeds.mission[0]!.title[locale],
        seeds.activityPillar[0]!.title[locale],
        seeds.challenge[0]!.title[locale],
        seeds.initiative[0]!.text[locale],
        seeds.covidPillar[0]!.title[locale],
        seeds.division[0]!.focusItems[0]![locale],
        seeds.committee[0]!.focusItems[0]![locale],
        seeds.branch[0]!.focusItems[0]![locale],
      ].map((item) => text.indexOf(fold(item)));
      expect(
        order.every((at) => at >= 0),
        `${prefix}print holds every part`,
      ).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      for (const initiative of seeds.initiative) expect(text).toContain(fold(initiative.text[locale]));
      for (const branch of seeds.branch)
        for (const item of branch.focusItems) expect(text).toContain(fold(item[locale]));
      for (const id of ['plan', 'challenges', 'initiatives', 'covid', 'divisions', 'committees', 'branches'])
        expect(html).toContain(`href="#${id}"`);
      expect(pages.get(`/${prefix}2021/`)).toContain(`href="/${prefix}2021/print/"`);
    }
  });

  it('says on every page of an edition which edition it shows', () => {
    for (const [url, html] of pages) {
      if (!/^\/(en\/)?2021\//u.test(url)) continue;
      const text = textOf(html);
      expect(text, url).toContain(url.startsWith('/en/') ? 'The plan for fiscal 2021' : '2021年度の計画');
    }
  });

  it('lists every edition on the archive page, linked to its permanent address', () => {
    expect(pages.get('/archive/')).toMatch(
      /<a href="\/2021\/">2021年度<\/a>\s*<span class="current-mark">最新の計画<\/span>/u,
    );
    expect(pages.get('/en/archive/')).toMatch(
      /<a href="\/en\/2021\/">Fiscal 2021<\/a>\s*<span class="current-mark">current plan<\/span>/u,
    );
  });

  it('writes well-formed text: no control characters in any page', () => {
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/u;
    for (const [url, html] of pages) expect(control.test(html), url).toBe(false);
  });

  it('puts the right lang on every page', () => {
    for (const [url, html] of pages) {
      const lang = url.startsWith('/en/') ? 'en' : 'ja';
      expect(html, url).toMatch(new RegExp(`<html lang="${lang}"`, 'u'));
    }
  });

  it('shows every initiative on the initiatives page, in both languages, with 新 marked on exactly ten', () => {
    for (const [locale, prefix] of Object.entries(prefixes) as ['ja' | 'en', string][]) {
      const html = pages.get(`/${prefix}initiatives/`)!;
      const text = textOf(html);
      for (const initiative of seeds.initiative) expect(text, initiative.slug).toContain(fold(initiative.text[locale]));
      expect(html.match(/<li id="[a-z0-9-]+" class="initiative"[^>]*>/gu)).toHaveLength(31);
      expect(html.match(/class="badge-new"/gu)).toHaveLength(10);
    }
  });

  it('hands the filter island no text that the page already holds', () => {
    for (const [locale, prefix] of Object.entries(prefixes) as ['ja' | 'en', string][]) {
      const html = pages.get(`/${prefix}initiatives/`)!;
      const islands = [...html.matchAll(/<astro-island\b[^>]*\bprops="([^"]*)"/gu)].map(([, props]) => textOf(props!));
      expect(islands).toHaveLength(1);
      const props = islands[0]!;
      // Every string the island is handed (Astro's props are [type, value] pairs).
      const strings: string[] = [];
      const walk = (value: unknown): void => {
        if (typeof value === 'string') strings.push(value);
        else if (Array.isArray(value)) value.forEach(walk);
        else if (value && typeof value === 'object') Object.values(value).forEach(walk);
      };
      walk(JSON.parse(props));
      for (const initiative of seeds.initiative)
        for (const string of strings) expect(string).not.toContain(fold(initiative.text[locale]));
      const labels = [...html.matchAll(/<(?:option|legend|label|h2|h3)[^>]*>([^<]+)</gu)].map(([, text]) =>
        text!.trim(),
      );
      expect(labels.length).toBeGreaterThan(10);
      for (const label of labels) expect(strings, label).not.toContain(label);
      expect(props.length).toBeLessThan(400);
    }
  });

  it('shows every branch text on its page', () => {
    for (const [locale, prefix] of Object.entries(prefixes) as ['ja' | 'en', string][]) {
      for (const branch of seeds.branch) {
        const text = textOf(pages.get(`/${prefix}branches/${branch.slug}/`)!);
        expect(text).toContain(branch.name[locale]);
        for (const item of branch.focusItems) expect(text, `${locale} ${branch.slug}`).toContain(fold(item[locale]));
        const cluster = seeds.branchCluster.find((c) => c.branches.includes(branch.slug))!;
        for (const project of cluster.projects) expect(text).toContain(project[locale]);
      }
    }
  });

  it('resolves every internal link', () => {
    const broken: string[] = [];
    for (const [url, html] of pages) {
      for (const [, href] of html.matchAll(/href="(\/[^"]*)"/gu)) {
        const target = href!.split(/[?#]/u)[0]!;
        const file = path.join(outDir, target.endsWith('/') ? `${target}index.html` : target);
        if (!existsSync(file)) broken.push(`${url} → ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('links every page to itself in the other language, both ways, with x-default', () => {
    const alternatesOf = (html: string) =>
      Object.fromEntries(
        [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/gu)].map(([, lang, href]) => [
          lang,
          new URL(href!).pathname,
        ]),
      );
    const copies = new Set(currentCopiesIn(outDir).map((copy) => `/${copy.to.replace(/index\.html$/u, '')}`));
    for (const [url, html] of pages) {
      // A copy at an address without a year links as its permanent page does (see above).
      if (url.includes('404') || copies.has(url)) continue;
      const own = alternatesOf(html);
      expect(Object.keys(own).sort(), url).toEqual(['en', 'ja', 'x-default']);
      expect(own['x-default']).toBe(own.ja);
      const lang = url.startsWith('/en/') ? 'en' : 'ja';
      expect(own[lang], url).toBe(url);
      for (const other of ['ja', 'en']) {
        const back = alternatesOf(pages.get(own[other]) ?? '');
        expect(back[lang], `${url} ↔ ${own[other]}`).toBe(url);
      }
    }
  });

  it('keeps every page within 14 KB of gzipped HTML, the first round trip of a slow connection (but the whole plan)', () => {
    const over = [...pages]
      // The whole plan for printing is the one page that holds everything.
      .filter(([url]) => !/^\/(en\/)?(\d{4}\/)?print\/$/u.test(url))
      .map(([url, html]) => ({ url, bytes: gzipSync(html).length }))
      .filter(({ bytes }) => bytes > 14 * 1024);
    expect(over).toEqual([]);
  });

  it('ships JavaScript only on the initiatives pages and the search page', () => {
    for (const [url, html] of pages) {
      // Scripts a browser runs: the structured data (application/ld+json) is a data block, not a script.
      const scripts = html.match(/<script\b(?![^>]*type="application\/ld\+json")/gu)?.length ?? 0;
      if (/^\/(en\/)?(\d{4}\/)?(?:initiatives|search)\/$/u.test(url)) expect(scripts, url).toBeGreaterThan(0);
      else expect(scripts, url).toBe(0);
    }
  });

  describe('when the build fails', () => {
    // A copy of the built site as the last good one, which a failing build must leave as it was.
    const lastSite = mkdtempSync(path.join(tmpdir(), 'site-last-'));
    let env: Record<string, string>;
    beforeAll(async () => {
      const site = await sharedSite();
      cpSync(site.outDir, lastSite, { recursive: true });
      env = { CMS_URL: site.cms.url, STRAPI_TOKEN: siteTokenOf(site.cms), SITE_OUT_DIR: lastSite };
    });
    afterAll(() => rmSync(lastSite, { recursive: true, force: true }));

    it('fails with one clear sentence and leaves the last site as it was when the token is refused', async () => {
      const outDir = lastSite;
      writeFileSync(path.join(outDir, 'marker'), 'last good site');
      const { code, output } = await runBuild({ ...env, STRAPI_TOKEN: 'not-a-token' });
      expect(code).toBe(1);
      expect(output).toContain(`The CMS at ${cms.url} refused the API token (HTTP 401): check STRAPI_TOKEN.`);
      expect(readFileSync(path.join(outDir, 'marker'), 'utf8')).toBe('last good site');
      expect(existsSync(path.join(outDir, 'index.html'))).toBe(true);
    });

    it('refuses a hosted build without SITE_URL in one sentence, before reading the CMS, and leaves the last site', async () => {
      writeFileSync(path.join(lastSite, 'marker'), 'last good site');
      const hosted = await runBuild({ ...env, SITE_HOSTED: 'true', SITE_URL: '' });
      expect(hosted.code).toBe(1);
      expect(hosted.output).toContain(
        "SITE_URL is not set: a hosted build needs the site's public address for its canonical, hreflang and sitemap links (e.g. SITE_URL=https://plan.example.org).",
      );
      expect(hosted.output).not.toContain(`from ${cms.url}`);
      const invalid = await runBuild({ ...env, SITE_URL: 'plan.example.org' });
      expect(invalid.code).toBe(1);
      expect(invalid.output).toContain(
        'SITE_URL is "plan.example.org", which is not a web address: give it as https://plan.example.org.',
      );
      expect(readFileSync(path.join(lastSite, 'marker'), 'utf8')).toBe('last good site');
    });

    it('fails with one clear sentence when the CMS cannot be reached', async () => {
      const port = await freePort();
      const { code, output } = await runBuild({ ...env, CMS_URL: `http://127.0.0.1:${port}` });
      expect(code).toBe(1);
      expect(output).toContain(`The CMS at http://127.0.0.1:${port} cannot be reached (ECONNREFUSED).`);
      expect(readFileSync(path.join(lastSite, 'marker'), 'utf8')).toBe('last good site');
    });
  });

  describe('after an editor’s changes', () => {
    // The one test here that changes content: a CMS of its own, on a copy of the seeded database.
    const cms = new TestCms(seededSqliteDatabase);
    const outDir = mkdtempSync(path.join(tmpdir(), 'site-dist-'));
    // The link-preview cards' cache of these builds alone.
    const ogCache = mkdtempSync(path.join(tmpdir(), 'og-cache-'));
    let env: Record<string, string>;
    beforeAll(async () => {
      await cms.start();
      env = { CMS_URL: cms.url, STRAPI_TOKEN: cms.siteToken(), SITE_OUT_DIR: outDir, SITE_OG_CACHE: ogCache };
    });
    afterAll(async () => {
      await cms.destroy();
      rmSync(outDir, { recursive: true, force: true });
      rmSync(ogCache, { recursive: true, force: true });
    });

    it('after a publish, renders again only the card that changed, and moves only that page’s lastmod', async () => {
      const cards = (output: string) => /(\d+) link-preview cards: (\d+) rendered/u.exec(output)?.slice(1).map(Number);
      const first = await runBuild({ ...env, SITE_LOG_LEVEL: 'info' });
      expect(first.code, first.output).toBe(0);
      const [total, rendered] = cards(first.output)!;
      expect(rendered).toBe(total);
      const before = sitemapOf(outDir);

      const jwt = await cms.adminToken();
      const initiatives = '/content-manager/collection-types/api::initiative.initiative';
      const found = await cms.adminRequest(
        'GET',
        `${initiatives}?locale=en&filters[slug][$eq]=restructuring-support&filters[edition][$eq]=2021`,
        jwt,
      );
      const { documentId, text } = found.body.results[0] as { documentId: string; text: string };
      const edited = await cms.adminRequest('PUT', `${initiatives}/${documentId}?locale=en`, jwt, {
        text: text.replace('Provide finely tailored support', 'Provide closely tailored support'),
      });
      expect(edited.status, JSON.stringify(edited.body)).toBeLessThan(300);
      const published = await cms.adminRequest(
        'POST',
        `${initiatives}/${documentId}/actions/publish?locale=en`,
        jwt,
        {},
      );
      expect(published.status, JSON.stringify(published.body)).toBe(200);

      const second = await runBuild({ ...env, SITE_LOG_LEVEL: 'info' });
      expect(second.code, second.output).toBe(0);
      expect(cards(second.output)).toEqual([total, 1]);
      const page = pagesOf(outDir).get('/en/2021/initiatives/restructuring-support/')!;
      const card = /<meta property="og:image:alt" content="([^"]+)"/u.exec(page)?.[1];
      expect(card).toMatch(/^Provide closely tailored support/u);
      const after = sitemapOf(outDir);
      const times = await cmsUpdatedAt(cms.url, cms.siteToken(), 'en', 'restructuring-support');
      // The edited page, and the English pages that show every initiative, changed then; nothing else.
      const moved = [...after].filter(([loc, entry]) => entry.lastmod !== before.get(loc)?.lastmod).map(([loc]) => loc);
      expect(moved.sort()).toEqual(
        [
          '/en/2021/',
          '/en/2021/data/',
          '/en/2021/initiatives/',
          '/en/2021/initiatives/restructuring-support/',
          '/en/2021/print/',
        ].sort(),
      );
      for (const loc of moved) expect(after.get(loc)?.lastmod, loc).toBe(times.initiative);
    });

    it('lists a published major change note on the updates page and in its Atom feed, and says on the English page that its Japanese changed', async () => {
      const jwt = await cms.adminToken();
      const initiatives = '/content-manager/collection-types/api::initiative.initiative';
      const entry = async (slug: string) => {
        const found = await cms.adminRequest('GET', `${initiatives}?locale=ja&filters[slug][$eq]=${slug}`, jwt);
        return found.body.results[0] as { documentId: string; text: string };
      };
      const save = async (documentId: string, locale: string, data: Record<string, unknown>) => {
        const saved = await cms.adminRequest('PUT', `${initiatives}/${documentId}?locale=${locale}`, jwt, data);
        expect(saved.status, JSON.stringify(saved.body)).toBe(200);
        const published = await cms.adminRequest(
          'POST',
          `${initiatives}/${documentId}/actions/publish?locale=${locale}`,
          jwt,
          {},
        );
        expect(published.status, JSON.stringify(published.body)).toBe(200);
      };
      // The Japanese of one initiative changes and is published; its English gets a major note.
      const revised = await entry('rediscover-tokyo');
      await save(revised.documentId, 'ja', { text: `${revised.text}（改訂）` });
      // The mark is the translation's: when its Japanese changed.
      const { japaneseRevisedAt } = (
        await cms.adminRequest('GET', `${initiatives}/${revised.documentId}?locale=en`, jwt)
      ).body.data as { japaneseRevisedAt?: string };
      expect(japaneseRevisedAt).toEqual(expect.any(String));
      const note = 'The project to rediscover Tokyo now includes guided visits for member companies.';
      await save(revised.documentId, 'en', { changeNote: note, changeKind: 'major' });
      // A minor note is not listed.
      const minor = await entry('rcep-certificates');
      await save(minor.documentId, 'en', { changeNote: 'A typographical correction.', changeKind: 'minor' });

      const { code, output } = await runBuild(env);
      expect(code, output).toBe(0);
      expect(output).toContain(
        'translation needs review (en, fiscal 2021): initiative "rediscover-tokyo": the Japanese changed on',
      );
      const pages = pagesOf(outDir);
      const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Asia/Tokyo' }).format(
        new Date(japaneseRevisedAt!),
      );
      expect(textOf(pages.get('/en/2021/initiatives/rediscover-tokyo/')!)).toContain(
        `The Japanese of this page was updated on ${day}. This English translation is being reviewed`,
      );
      expect(pages.get('/2021/initiatives/rediscover-tokyo/')).not.toContain('review-notice');
      expect(pages.get('/en/2021/initiatives/rcep-certificates/')).not.toContain('review-notice');

      const updates = textOf(pages.get('/en/updates/')!);
      expect(updates).toContain(note);
      expect(updates).not.toContain('A typographical correction.');
      // The note was written in English only: the Japanese updates do not have it.
      expect(textOf(pages.get('/updates/')!)).toContain('まだ更新情報はありません。');

      const xml = readFileSync(path.join(outDir, 'en/updates/feed.xml'), 'utf8');
      expect(XMLValidator.validate(xml)).toBe(true);
      const { feed } = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
      // Atom 1.0's required elements: the feed's id, title, updated and author, each entry's id, title and updated.
      expect(feed.xmlns).toBe('http://www.w3.org/2005/Atom');
      expect(feed).toMatchObject({
        id: expect.any(String),
        title: expect.any(String),
        author: { name: expect.any(String) },
      });
      const entries = [feed.entry].flat();
      expect(entries).toHaveLength(1);
      const [only] = entries;
      expect(only.summary['#text'] ?? only.summary).toBe(note);
      expect(only.link.href).toBe('http://127.0.0.1:4321/en/2021/initiatives/rediscover-tokyo/');
      expect(only.id).toEqual(expect.any(String));
      expect(Date.parse(only.updated)).toBe(Date.parse(feed.updated));
      expect(only.title['#text'] ?? only.title).toMatch(/^Initiatives, fiscal 2021: /u);
      expect([feed.entry].flat()).toHaveLength(1);
      const jaFeed = new XMLParser().parse(readFileSync(path.join(outDir, 'updates/feed.xml'), 'utf8'));
      expect(jaFeed.feed.entry).toBeUndefined();
    });

    it('builds only published content, and shows Japanese, marked, where English is missing', async () => {
      const jwt = await cms.adminToken();
      const initiatives = '/content-manager/collection-types/api::initiative.initiative';
      const draft = await cms.adminRequest('POST', `${initiatives}?locale=ja`, jwt, {
        edition: 2021,
        slug: 'draft-only',
        order: 99,
        column: 'focus',
        category: 'memberServices',
        isNew: true,
        text: '下書きだけの取り組み',
      });
      expect(draft.status).toBe(201);
      const branches = '/content-manager/collection-types/api::branch.branch';
      const koto = await cms.adminRequest('GET', `${branches}?locale=en&filters[slug][$eq]=koto`, jwt);
      const removed = await cms.adminRequest('DELETE', `${branches}/${koto.body.results[0].documentId}?locale=en`, jwt);
      expect(removed.status, JSON.stringify(removed.body)).toBe(200);

      const { code, output } = await runBuild(env);
      expect(code, output).toBe(0);
      expect(output).toContain('not yet translated (en, fiscal 2021): branch "koto": name, focusItems');
      const rebuilt = pagesOf(outDir);
      expect(textOf(rebuilt.get('/initiatives/')!)).not.toContain('下書きだけの取り組み');
      const page = rebuilt.get('/en/branches/koto/')!;
      expect(page).toMatch(/<h1><span lang="ja">江東<\/span> Branch<\/h1>/u);
      expect(page).toMatch(/<ul class="items" lang="ja">/u);
      expect(page).toContain('Not yet translated: shown in Japanese.');
      expect(textOf(page)).toContain(fold(seeds.branch.find((b) => b.slug === 'koto')!.focusItems[0]!.ja));
    });
  });
});
