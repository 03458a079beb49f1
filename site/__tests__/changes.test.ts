// What changed from one edition to the next, computed on the plan's own data: fiscal 2021 from the
// seeds, and a next edition made from it here (test data, in memory only) with known edits.
import { defaultLocale, type CollectionKey, type Locale } from '@tcci/schemas';
import { loadEditions, type EditionSeeds } from '@tcci/seeds';
import { describe, expect, it } from 'vitest';
import { compareEditions, focusCollections, wordDiff, type EditionData } from '../src/lib/changes.ts';
import { seedCollection } from '../src/lib/seed-source.ts';

const [plan2021] = loadEditions();
type Item = Record<string, any>;

/** The next edition: a copy of fiscal 2021 with `edit` applied to its seeds. */
function nextEdition(edit: (seeds: Record<string, Item[]>) => void): EditionSeeds {
  const seeds = structuredClone(plan2021!.seeds) as unknown as Record<string, Item[]>;
  for (const initiative of seeds.initiative!) initiative.isNew = false;
  edit(seeds);
  return { edition: 2022, seeds: seeds as unknown as EditionSeeds['seeds'] };
}

function dataOf(editions: EditionSeeds[], edition: number, locale: Locale): EditionData {
  const side = <K extends CollectionKey>(key: K) => {
    const records = seedCollection(key, {}, editions).filter(
      (record) => (record.entry as { edition: number }).edition === edition,
    );
    return {
      ja: records.filter((record) => record.locale === defaultLocale),
      shown: records.filter((record) => record.locale === locale),
    };
  };
  return {
    initiative: side('initiative'),
    focus: {
      division: side('division'),
      committee: side('committee'),
      association: side('association'),
      branch: side('branch'),
    },
  };
}

const compare = (next: EditionSeeds, locale: Locale) => {
  const editions = [plan2021!, next];
  return compareEditions(dataOf(editions, 2021, locale), dataOf(editions, 2022, locale));
};

const find = (items: Item[], slug: string) => items.find((item) => item.slug === slug)!;

describe('the changes between two editions', () => {
  it('finds nothing in an unchanged copy (新 is relative to the year: clearing it is no change)', () => {
    for (const locale of ['ja', 'en'] as const) {
      const changes = compare(
        nextEdition(() => {}),
        locale,
      );
      expect(changes.initiatives).toEqual({ added: [], dropped: [], changed: [] });
      expect(changes.focus).toEqual([]);
    }
  });

  it('lists the initiatives added, dropped and changed, the same in both languages', () => {
    const next = nextEdition((seeds) => {
      const initiatives = seeds.initiative!;
      const shibusawa = find(initiatives, 'shibusawa-events');
      shibusawa.text = {
        ja: shibusawa.text.ja.replace('放送開始に合わせ', '放送終了後も'),
        en: shibusawa.text.en.replace('To coincide with the start of', 'After the end of'),
      };
      find(initiatives, 'job-site-and-career-support').category = 'policyRegional';
      const moved = initiatives.find((i) => i.column === 'covid')!;
      moved.column = 'focus';
      initiatives.find(
        (i) => i.slug !== 'shibusawa-events' && i.column === 'focus' && i.category === 'managementSupport',
      )!.isNew = true;
      seeds.initiative = initiatives.filter((i) => i.slug !== 'member-my-page');
      seeds.initiative.push({ ...structuredClone(shibusawa), slug: 'next-year-idea', order: 99, isNew: true });
    });
    const ja = compare(next, 'ja');
    const en = compare(next, 'en');
    for (const changes of [ja, en]) {
      expect(changes.initiatives.added.map((pair) => pair.ja.entry.slug)).toEqual(['next-year-idea']);
      expect(changes.initiatives.dropped.map((pair) => pair.ja.entry.slug)).toEqual(['member-my-page']);
      expect(changes.initiatives.changed).toHaveLength(4);
    }
    const shibusawa = ja.initiatives.changed.find((change) => change.slug === 'shibusawa-events')!;
    expect(shibusawa.text?.parts.filter((part) => part.change)).toEqual([
      { value: '開始に合わせ', change: 'removed' },
      { value: '終了後も', change: 'added' },
    ]);
    const inEnglish = en.initiatives.changed.find((change) => change.slug === 'shibusawa-events')!;
    expect(inEnglish.text).toMatchObject({ lang: 'en', translationPending: false });
    expect(inEnglish.text?.parts.filter((part) => part.change).map((part) => [part.change, part.value.trim()])).toEqual(
      [
        ['removed', 'To coincide with'],
        ['added', 'After'],
        ['removed', 'start'],
        ['added', 'end'],
      ],
    );
    const recategorised = ja.initiatives.changed.find((change) => change.slug === 'job-site-and-career-support')!;
    expect(recategorised).toMatchObject({ category: { from: 'memberServices', to: 'policyRegional' } });
    expect(recategorised.text).toBeUndefined();
    expect(ja.initiatives.changed.filter((change) => change.column)).toEqual([
      expect.objectContaining({ column: { from: 'covid', to: 'focus' } }),
    ]);
    expect(ja.initiatives.changed.filter((change) => change.markedNew)).toHaveLength(1);
  });

  it('shows the Japanese change on the English page while the English has not followed', () => {
    const next = nextEdition((seeds) => {
      const shibusawa = find(seeds.initiative!, 'shibusawa-events');
      shibusawa.text = { ...shibusawa.text, ja: `${shibusawa.text.ja}（継続）` };
    });
    const [change] = compare(next, 'en').initiatives.changed;
    expect(change).toMatchObject({ slug: 'shibusawa-events', text: { lang: 'ja', translationPending: true } });
    expect(change!.text!.parts.filter((part) => part.change)).toEqual([{ value: '（継続）', change: 'added' }]);
  });

  it('lists the focus items added and removed per division, committee, association and branch', () => {
    const next = nextEdition((seeds) => {
      seeds.branch = seeds.branch!.filter((branch) => branch.slug !== 'koto');
      const chuo = find(seeds.branch, 'chuo');
      chuo.focusItems = [...chuo.focusItems.slice(1), { ja: '〔テスト用〕新しい重点', en: '[test] a new focus' }];
      const committee = seeds.committee![0]!;
      committee.focusItems = committee.focusItems.slice(0, -1);
    });
    const koto = plan2021!.seeds.branch.find((branch) => branch.slug === 'koto')!;
    const chuo2021 = plan2021!.seeds.branch.find((branch) => branch.slug === 'chuo')!;
    for (const locale of ['ja', 'en'] as const) {
      const { focus } = compare(next, locale);
      expect(focus.map(({ key, slug, state }) => `${key}/${slug}/${state}`)).toEqual([
        `committee/${plan2021!.seeds.committee[0]!.slug}/changed`,
        'branch/chuo/changed',
        'branch/koto/dropped',
      ]);
      const chuo = focus.find((change) => change.slug === 'chuo')!;
      expect(chuo.added).toEqual([
        { text: locale === 'ja' ? '〔テスト用〕新しい重点' : '[test] a new focus', lang: locale },
      ]);
      expect(chuo.removed).toEqual([{ text: chuo2021.focusItems[0]![locale], lang: locale }]);
      const dropped = focus.find((change) => change.slug === 'koto')!;
      expect(dropped.name).toEqual({ text: koto.name[locale], lang: locale });
      expect(dropped.removed.map((item) => item.text)).toEqual(koto.focusItems.map((item) => item[locale]));
    }
    expect(focusCollections).toEqual(['division', 'committee', 'association', 'branch']);
  });

  it('compares Japanese word by word, though it has no spaces', () => {
    expect(wordDiff('北区と連携し事業を展開', '北区と連携し事業を継続', 'ja')).toEqual([
      { value: '北区と連携し事業を' },
      { value: '展開', change: 'removed' },
      { value: '継続', change: 'added' },
    ]);
  });
});
