import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { entrySchemas } from '@tcci/schemas';
import { loadSeeds } from '@tcci/seeds';
import { beforeAll, describe, expect, it } from 'vitest';
import LanguageSwitcher from '../src/components/LanguageSwitcher.astro';
import NewBadge from '../src/components/NewBadge.astro';
import WardMap from '../src/components/WardMap.astro';
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

const seeds = loadSeeds();
const branches: PlanRecord<'branch'>[] = seeds.branch.map((b) => ({
  key: 'branch',
  locale: 'en',
  entry: entrySchemas.branch.parse({ ...b, name: b.name.en, focusItems: b.focusItems.map((i) => i.en) }),
  untranslated: b.slug === 'koto' ? ['name'] : [],
}));
const clusters: PlanRecord<'branchCluster'>[] = seeds.branchCluster.map((c) => ({
  key: 'branchCluster',
  locale: 'en',
  entry: entrySchemas.branchCluster.parse({
    ...c,
    name: c.name.en,
    projects: c.projects.map((p) => p.en),
    description: c.description.en,
  }),
  untranslated: [],
}));

describe('LanguageSwitcher', () => {
  it('links to the same page in the other language, labelled in that language', async () => {
    const html = await render(LanguageSwitcher, { locale: 'ja', pathname: '/branches/koto/' });
    expect(html).toMatch(/<a href="\/en\/branches\/koto\/" hreflang="en" lang="en"[^>]*>\s*English\s*<\/a>/u);
    const back = await render(LanguageSwitcher, { locale: 'en', pathname: '/en/plan/' });
    expect(back).toMatch(/<a href="\/plan\/" hreflang="ja" lang="ja"[^>]*>\s*日本語\s*<\/a>/u);
    expect(back).not.toContain('href="/en/plan/"');
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
  it('links every ward to its branch page and names every cluster in a text legend', async () => {
    const html = await render(WardMap, { locale: 'en', branches, clusters });
    for (const branch of branches) expect(html).toContain(`href="/en/branches/${branch.entry.slug}/"`);
    expect(html.match(/<a href=/gu)).toHaveLength(23);
    expect(html.match(/class="swatch cluster-\d"/gu)).toHaveLength(4);
    for (const cluster of clusters) expect(html).toContain(cluster.entry.name);
    expect(html).toContain('aria-label="Koto Branch"');
  });

  it('colours each ward by its cluster', async () => {
    const html = await render(WardMap, { locale: 'en', branches, clusters });
    clusters.forEach((cluster, index) => {
      for (const slug of cluster.entry.branches) {
        const tile = new RegExp(
          `href="/en/branches/${slug}/"[^>]*>\\s*<rect[^>]*class="tile cluster-${index + 1}"`,
          'u',
        );
        expect(html, slug).toMatch(tile);
      }
    });
  });

  it('marks a ward name shown in Japanese for want of a translation', async () => {
    const html = await render(WardMap, { locale: 'en', branches, clusters });
    expect(html).toMatch(/class="tile-name" lang="ja">\s*Koto/u);
  });
});
