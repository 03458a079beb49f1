import { describe, expect, it } from 'vitest';
import {
  canonicalWorkflow,
  collections,
  entryFromVersions,
  entryVersions,
  seedSchemas,
  SeedVersionsError,
  workflowOfRow,
  workflowSeedOf,
  workflowValues,
  type EntryVersions,
} from '../src/index.ts';

const branch = {
  slug: 'koto',
  order: 8,
  name: { ja: '江東', en: 'Koto' },
  focusItems: [
    { ja: '項目一', en: 'Item one' },
    { ja: '項目二', en: 'Item two' },
  ],
  note: '注記',
};

/** The versions of a branch entry given as plain data. */
const versionsOf = (entry: object) => entryVersions(collections.branch, entry as Record<string, unknown>);

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);

describe('the seed format: status and draft', () => {
  it('reads an entry without them as published in every locale, its drafts the same', () => {
    expect(versionsOf(branch)).toEqual({
      ja: {
        published: { slug: 'koto', order: 8, name: '江東', focusItems: ['項目一', '項目二'], note: '注記' },
        draft: { slug: 'koto', order: 8, name: '江東', focusItems: ['項目一', '項目二'], note: '注記' },
      },
      en: {
        published: { slug: 'koto', order: 8, name: 'Koto', focusItems: ['Item one', 'Item two'], note: '注記' },
        draft: { slug: 'koto', order: 8, name: 'Koto', focusItems: ['Item one', 'Item two'], note: '注記' },
      },
    });
  });

  it('carries unpublished edits, a draft-only translation and a missing one', () => {
    const edited = { ...branch, draft: { order: 9, name: { ja: '江東（案）' }, note: null } };
    expect(seedSchemas.branch.safeParse(edited).success).toBe(true);
    const versions = versionsOf(edited);
    expect(versions.ja?.draft).toEqual({
      slug: 'koto',
      order: 9,
      name: '江東（案）',
      focusItems: ['項目一', '項目二'],
    });
    expect(versions.en?.draft).toEqual({ slug: 'koto', order: 9, name: 'Koto', focusItems: ['Item one', 'Item two'] });
    expect(versions.en?.published?.order).toBe(8);

    const translation = { ...branch, status: { en: 'draft' } };
    expect(seedSchemas.branch.safeParse(translation).success).toBe(true);
    expect(Object.keys(versionsOf(translation).en!)).toEqual(['draft']);

    const untranslated = {
      ...branch,
      name: { ja: '江東' },
      focusItems: [{ ja: '項目一' }],
      status: { en: 'missing' },
    };
    expect(seedSchemas.branch.safeParse(untranslated).success).toBe(true);
    expect(versionsOf(untranslated).en).toBeUndefined();
  });

  it('lets a draft be incomplete, but not a published version', () => {
    const draftOnly = { slug: 'new', status: { ja: 'draft', en: 'missing' }, name: { ja: '新' } };
    expect(issues(seedSchemas.branch.safeParse(draftOnly))).toEqual([]);
    const published = { slug: 'new', status: { en: 'missing' }, name: { ja: '新' } };
    expect(issues(seedSchemas.branch.safeParse(published))).toEqual(['order: is missing', 'focusItems: is missing']);
  });

  it('refuses what cannot be: values for a missing locale, drafts of unpublished locales, gaps in lists', () => {
    const result = seedSchemas.branch.safeParse({
      ...branch,
      focusItems: [{ ja: '一', en: 'One' }, { ja: '二' }, { ja: '三', en: 'Three' }],
      status: { en: 'missing' },
      draft: { name: { en: 'x' } },
    });
    expect(issues(result)).toEqual([
      'name.en: holds en, which status says is missing',
      'draft.name.en: holds en, which has no published version (its draft is the value above)',
      'focusItems: holds en, which status says is missing',
    ]);
    expect(
      issues(
        seedSchemas.branch.safeParse({
          ...branch,
          focusItems: [{ ja: '一', en: 'One' }, { ja: '二' }, { en: 'Three' }],
        }),
      ),
    ).toEqual(['focusItems.1.en: is missing']);
    expect(
      issues(seedSchemas.branch.safeParse({ ...branch, status: { ja: 'draft', en: 'draft' }, draft: { order: 2 } })),
    ).toEqual(['draft: must be left out when no locale is published (the values above are the draft)']);
    expect(issues(seedSchemas.branch.safeParse({ ...branch, status: { ja: 'missing', en: 'missing' } }))).toEqual([
      'status: must leave at least one locale not missing',
    ]);
    expect(issues(seedSchemas.branch.safeParse({ ...branch, status: { en: 'unpublished' } }))[0]).toMatch(
      /^status\.en: /u,
    );
  });

  it('accepts a list shorter in one locale: the last items leave that locale out', () => {
    const uneven = { ...branch, focusItems: [{ ja: '一', en: 'One' }, { ja: '二' }] };
    expect(seedSchemas.branch.safeParse(uneven).success).toBe(true);
    expect(versionsOf(uneven).en?.published?.focusItems).toEqual(['One']);
  });

  it('turns versions back into the same entry, for every kind of state', () => {
    const cases = [
      branch,
      { ...branch, draft: { order: 9, name: { ja: '江東（案）' }, note: null } },
      { ...branch, draft: { focusItems: [{ ja: '一' }, { ja: '二' }, { ja: '三' }] } },
      { ...branch, status: { en: 'draft' } },
      { ...branch, name: { ja: '江東' }, focusItems: [{ ja: '項目一' }], status: { en: 'missing' } },
      { slug: 'new', name: { ja: '新' }, status: { ja: 'draft', en: 'missing' } },
      { ...branch, focusItems: [{ ja: '一', en: 'One' }, { ja: '二' }] },
    ];
    for (const entry of cases) {
      expect(entryFromVersions(collections.branch, versionsOf(entry))).toEqual({
        focusItems: [],
        ...entry,
        ...('focusItems' in entry ? {} : { focusItems: undefined }),
      });
    }
  });

  it('writes a shared field per locale where the locales hold different values, and restores them', () => {
    // What Strapi holds after an editor changed a shared note in Japanese and published Japanese only.
    const versions: EntryVersions = {
      ja: {
        published: { slug: 'east', order: 1, branches: ['taito'], focusItems: [], note: 'new' },
        draft: { slug: 'east', order: 1, branches: ['taito'], focusItems: [], note: 'new' },
      },
      en: {
        published: { slug: 'east', order: 1, branches: ['koto'], focusItems: [], note: 'old' },
        draft: { slug: 'east', order: 1, branches: ['koto'], focusItems: [], note: 'new' },
      },
    };
    const collection = {
      ...collections.branch,
      fields: { ...collections.branch.fields, branches: collections.branchCluster.fields.branches },
    };
    const entry = entryFromVersions(collection, versions);
    expect(entry).toEqual({
      slug: 'east',
      order: 1,
      focusItems: undefined,
      note: { ja: 'new', en: 'old' },
      branches: { ja: ['taito'], en: ['koto'] },
      draft: { note: { en: 'new' } },
    });
    expect(entryVersions(collection, entry)).toEqual(versions);
  });

  it('knows an entry by one slug: locales that disagree on it are named, not guessed', () => {
    const versions: EntryVersions = {
      ja: { published: { slug: 'east', order: 1 }, draft: { slug: 'east', order: 1 } },
      en: { published: { slug: 'east', order: 1 }, draft: { slug: 'east-side', order: 1 } },
    };
    expect(() => entryFromVersions(collections.branchCluster, versions)).toThrow(SeedVersionsError);
    try {
      entryFromVersions(collections.branchCluster, versions);
    } catch (error) {
      expect((error as SeedVersionsError).problems).toEqual([
        'field "slug" is "east" in the published ja, "east" in the published en, "east" in the draft ja, "east-side" in the draft en: the seeds know an entry by one slug (make the locales agree in the CMS)',
      ]);
    }
  });

  it('checks a shared field written per locale as it checks the field', () => {
    expect(issues(seedSchemas.branch.safeParse({ ...branch, order: { ja: 8, en: 9 } }))).toEqual([]);
    expect(issues(seedSchemas.branch.safeParse({ ...branch, order: { ja: 8 } }))).toEqual(['order.en: is missing']);
    expect(issues(seedSchemas.branch.safeParse({ ...branch, order: { ja: 8, en: 0.5 } }))).toEqual([
      'order.en: must be a whole number',
    ]);
    expect(issues(seedSchemas.branch.safeParse({ ...branch, order: { ja: 8, en: 9, fr: 1 } }))[0]).toMatch(/^order: /u);
  });

  it('does not count a link to a target missing in a locale as a disagreement', () => {
    const versions: EntryVersions = {
      ja: { published: { slug: 'x', order: 1, title: '挑戦', area: 'a' } },
      en: { published: { slug: 'x', order: 1, title: 'Challenge' } },
    };
    const entry = entryFromVersions(collections.challenge, versions, (_, _slug, locale) => locale === 'ja');
    expect(entry.area).toBe('a');
    expect(entry.draft).toBeUndefined();
  });
});

describe('the seed format: the editors’ workflow', () => {
  const workflow = {
    en: {
      changeNote: 'The branch’s focus items were revised.',
      changeKind: 'major',
      changeNotedAt: '2021-06-01T01:00:00.000Z',
      draft: { englishNeedsReview: true, japaneseRevisedAt: '2021-06-02T03:00:00.000Z' },
    },
  };

  it('gives each version its values, the draft its own where it differs, and the rest none', () => {
    expect(seedSchemas.branch.safeParse({ ...branch, workflow }).success).toBe(true);
    expect(workflowValues(workflow.en, 'published', true)).toEqual({
      englishNeedsReview: false,
      japaneseRevisedAt: null,
      changeNote: 'The branch’s focus items were revised.',
      changeKind: 'major',
      changeNotedAt: '2021-06-01T01:00:00.000Z',
    });
    expect(workflowValues(workflow.en, 'draft', true)).toMatchObject({
      englishNeedsReview: true,
      japaneseRevisedAt: '2021-06-02T03:00:00.000Z',
      changeNote: 'The branch’s focus items were revised.',
    });
    expect(workflowValues(undefined, 'draft', false)).toEqual({
      englishNeedsReview: false,
      japaneseRevisedAt: null,
      changeNote: null,
      changeKind: null,
      changeNotedAt: null,
    });
  });

  it('reads the CMS’s versions back into the same key, times as ISO and unset values left out', () => {
    const published = workflowOfRow({
      englishNeedsReview: false,
      japaneseRevisedAt: null,
      changeNote: 'The branch’s focus items were revised.',
      changeKind: 'major',
      changeNotedAt: new Date('2021-06-01T01:00:00.000Z'),
    });
    const draft = workflowOfRow({
      ...published,
      englishNeedsReview: true,
      japaneseRevisedAt: '2021-06-02T03:00:00.000Z',
    });
    expect(canonicalWorkflow(workflowSeedOf({ ja: { published: {}, draft: {} }, en: { published, draft } })!)).toEqual(
      workflow,
    );
    expect(workflowSeedOf({ ja: { published: {}, draft: {} } })).toBeUndefined();
  });

  it('refuses a workflow for a missing locale, a draft of an unpublished one, and values of the wrong kind', () => {
    expect(
      issues(
        seedSchemas.branch.safeParse({
          ...branch,
          name: { ja: '江東' },
          focusItems: [{ ja: '項目一' }],
          status: { en: 'missing' },
          workflow: { en: { changeNote: 'x' } },
        }),
      ),
    ).toEqual(['workflow.en: holds en, which status says is missing']);
    expect(
      issues(
        seedSchemas.branch.safeParse({
          ...branch,
          status: { en: 'draft' },
          workflow: { en: { draft: { changeNote: 'x' } } },
        }),
      ),
    ).toEqual(['workflow.en.draft: must be left out: en has no published version (the values above are its draft’s)']);
    const wrong = issues(
      seedSchemas.branch.safeParse({
        ...branch,
        workflow: { en: { changeKind: 'huge', changeNotedAt: 'yesterday', reviewer: 'x' } },
      }),
    );
    expect(wrong).toHaveLength(3);
    expect(wrong.map((line) => line.split(':')[0]).sort()).toEqual([
      'workflow.en',
      'workflow.en.changeKind',
      'workflow.en.changeNotedAt',
    ]);
  });
});
