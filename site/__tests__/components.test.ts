import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { entrySchemas } from '@tcci/schemas';
import { editionDir, loadSeeds } from '@tcci/seeds';
import { beforeAll, describe, expect, it } from 'vitest';
import LanguageSwitcher from '../src/components/LanguageSwitcher.astro';
import Localized from '../src/components/Localized.astro';
import NewBadge from '../src/components/NewBadge.astro';
import Text from '../src/components/Text.astro';
import WardMap from '../src/components/WardMap.astro';
import { wardTiles } from '../src/lib/wards.ts';
import type { PlanRecord } from '../src/lib/source.ts';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

/** Renders a component to HTML, without the source-location attributes Astro adds outside production. */
async function render(component: Parameters<AstroContainer['renderToString']>[0], props: Record<string, unknown>) {
  const html = await container.renderToString(component, { props });
  return html.replace(/ data-astro-source-(?:file|loc)="[^"]*"/gu, '');
}

/** What a sighted reader sees of some HTML: its text without the visually hidden parts. */
const visible = (html: string) =>
  html
    .replace(/<span class="visually-hidden">[^<]*<\/span>/gu, '')
    .replace(/<[^>]+>/gu, '')
    .trim();
/** What a screen reader announces, for HTML named by its content: all of its text. */
const announced = (html: string) => html.replace(/<[^>]+>/gu, '').trim();

const seeds = loadSeeds(editionDir(2021), 2021);
const branches: PlanRecord<'branch'>[] = seeds.branch.map((b) => ({
  key: 'branch',
  locale: 'en',
  entry: entrySchemas.branch.parse({ ...b, edition: 2021, name: b.name.en, focusItems: b.focusItems.map((i) => i.en) }),
  untranslated: b.slug === 'koto' ? ['name'] : [],
}));
const clusters: PlanRecord<'branchCluster'>[] = seeds.branchCluster.map((c) => ({
  key: 'branchCluster',
  locale: 'en',
  entry: entrySchemas.branchCluster.parse({
    ...c,
    edition: 2021,
    name: c.name.en,
    projects: c.projects.map((p) => p.en),
    description: c.description.en,
  }),
  untranslated: [],
}));

describe('LanguageSwitcher', () => {
  it('links to the same page in the other language, named in that language around the name it shows', async () => {
    const html = await render(LanguageSwitcher, { locale: 'ja', pathname: '/branches/koto/' });
    const link = /<a href="\/en\/branches\/koto\/" hreflang="en" lang="en">([\s\S]*?)<\/a>/u.exec(html)?.[1] ?? '';
    expect(visible(link)).toBe('English');
    expect(announced(link)).toBe('English version of this page');
    const back = await render(LanguageSwitcher, { locale: 'en', pathname: '/en/plan/' });
    const other = /<a href="\/plan\/" hreflang="ja" lang="ja">([\s\S]*?)<\/a>/u.exec(back)?.[1] ?? '';
    expect(visible(other)).toBe('日本語');
    expect(announced(other)).toBe('このページの日本語版');
    expect(back).not.toContain('href="/en/plan/"');
    expect(html + back).not.toMatch(/<a [^>]*aria-label/u);
  });
});

describe('Text', () => {
  it('marks Japanese words in English text as Japanese, and nothing in Japanese text', async () => {
    const en = await render(Text, { text: 'right-sized BCPs (身の丈BCP) (seminars)', locale: 'en' });
    expect(en).toBe('right-sized BCPs (<span lang="ja">身の丈BCP</span>) (seminars)');
    const ja = await render(Text, { text: '身の丈BCP策定支援', locale: 'ja' });
    expect(ja).toBe('身の丈BCP策定支援');
  });
});

describe('Localized', () => {
  const koto = seeds.branch.find((b) => b.slug === 'koto')!;
  const record = (untranslated: string[], text: string): PlanRecord<'branch'> => ({
    key: 'branch',
    locale: 'en',
    entry: entrySchemas.branch.parse({ ...koto, edition: 2021, name: koto.name.en, focusItems: [text] }),
    untranslated,
  });

  it('marks the Japanese words of an English text', async () => {
    const item = koto.focusItems.find((i) => i.en.includes('身の丈BCP'))!.en;
    const html = await render(Localized, { record: record([], item), field: 'focusItems' });
    expect(html).toContain('(<span lang="ja">身の丈BCP</span>)');
    expect(html).toMatch(/<ul class="items">/u);
  });

  it('marks a text shown in Japanese for want of a translation as a whole, and says so', async () => {
    const html = await render(Localized, {
      record: record(['focusItems'], koto.focusItems[0]!.ja),
      field: 'focusItems',
    });
    expect(html).toMatch(/<ul class="items" lang="ja">/u);
    expect(html).not.toContain('<span lang="ja">');
    expect(html).toContain('Not yet translated: shown in Japanese.');
  });
});

describe('NewBadge', () => {
  it('shows a word, not colour alone, and says what it means', async () => {
    const ja = await render(NewBadge, { locale: 'ja' });
    expect(ja).toContain('<span aria-hidden="true">新</span>');
    expect(ja).toContain('<span class="visually-hidden">新規事業</span>');
    const en = await render(NewBadge, { locale: 'en' });
    expect(en).toContain('<span aria-hidden="true">New</span>');
    expect(en).toContain('New project');
  });
});

describe('WardMap', () => {
  const letterOf = (slug: string) =>
    String.fromCharCode(65 + clusters.findIndex((cluster) => cluster.entry.branches.includes(slug)));
  const tiles = (html: string) =>
    [...html.matchAll(/<a href="\/en\/branches\/([a-z]+)\/" class="tile cluster-(\d)">([\s\S]*?)<\/a>/gu)].map(
      ([, slug, cluster, content]) => ({ slug: slug!, cluster: Number(cluster), content: content! }),
    );

  it('links every ward to its branch page once, in the map’s reading order: row by row, west to east', async () => {
    const html = await render(WardMap, { locale: 'en', branches, clusters });
    const order = tiles(html).map((tile) => tile.slug);
    const byPosition = [...branches.map((b) => b.entry.slug)].sort(
      (a, b) => wardTiles[a]!.row - wardTiles[b]!.row || wardTiles[a]!.col - wardTiles[b]!.col,
    );
    expect(order).toEqual(byPosition);
    expect(html.match(/<a href=/gu)).toHaveLength(23);
  });

  it('shows each ward’s name and group letter, and reads them out as the branch and its group', async () => {
    const html = await render(WardMap, { locale: 'en', branches, clusters });
    for (const tile of tiles(html)) {
      const branch = branches.find((b) => b.entry.slug === tile.slug)!;
      expect(visible(tile.content)).toBe(`${branch.entry.name}${letterOf(tile.slug)}`);
      expect(announced(tile.content)).toBe(`${branch.entry.name} Branch, group ${letterOf(tile.slug)}`);
    }
    expect(html).not.toContain('aria-label');
    expect(html).not.toContain('aria-hidden');
  });

  it('colours each ward by its cluster, and names every cluster with its letter in a text legend', async () => {
    const html = await render(WardMap, { locale: 'en', branches, clusters });
    for (const tile of tiles(html)) expect(tile.cluster, tile.slug).toBe(letterOf(tile.slug).charCodeAt(0) - 64);
    clusters.forEach((cluster, index) => {
      expect(html).toMatch(
        new RegExp(
          `class="swatch cluster-${index + 1}">${String.fromCharCode(65 + index)}</span>\\s*<span class="cluster-name">${cluster.entry.name}<`,
          'u',
        ),
      );
    });
  });

  it('marks a ward name shown in Japanese for want of a translation', async () => {
    const html = await render(WardMap, { locale: 'en', branches, clusters });
    expect(html).toMatch(/class="tile-name" lang="ja">Koto</u);
  });
});
