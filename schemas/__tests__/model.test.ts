import { describe, expect, it } from 'vitest';
import {
  collections,
  contentTypeUid,
  defaultLocale,
  entrySchemas,
  fromGraphql,
  graphqlFieldName,
  graphqlQuery,
  compareEntries,
  isLocale,
  localizedFieldNames,
  locales,
  seedSchemas,
  toStrapiSchema,
  type CollectionDef,
  type Field,
} from '../src/index.ts';
import { editionField, workflowFields } from '../src/collection.ts';
import { choiceLabels, fieldDescriptionsJa, fieldHint, fieldLabelsJa } from '../src/labels.ts';

const all = Object.values(collections) as CollectionDef[];

describe('the locale config', () => {
  it('has Japanese as the default and English second', () => {
    expect(locales).toEqual(['ja', 'en']);
    expect(defaultLocale).toBe('ja');
    expect(isLocale('en')).toBe(true);
    expect(isLocale('fr')).toBe(false);
  });
});

describe('the content model', () => {
  it('gives each collection a unique key, Strapi name and seed file', () => {
    for (const property of ['key', 'singularName', 'pluralName', 'seedFile'] as const) {
      const values = all.map((c) => c[property]);
      expect(new Set(values).size, property).toBe(values.length);
    }
    for (const c of all) expect(c.singularName).toMatch(/^[a-z]+(-[a-z]+)*$/u);
  });

  it('localises text and shares identifiers, numbers, flags and relations', () => {
    expect(localizedFieldNames(collections.initiative)).toEqual(['text']);
    expect(localizedFieldNames(collections.branch)).toEqual(['name', 'focusItems']);
    expect(localizedFieldNames(collections.branchCluster)).toEqual(['name', 'projects', 'description']);
    for (const c of all) {
      for (const [name, field] of Object.entries(c.fields)) {
        const shared = ['uid', 'integer', 'decimal', 'boolean', 'enumeration', 'relation'].includes(
          field.attribute.type,
        );
        expect(field.localized, `${c.key}.${name}`).toBe(!shared && !field.private);
      }
    }
  });

  it('links only to collections that exist', () => {
    const keys = new Set(all.map((c) => c.key));
    for (const c of all) {
      for (const field of Object.values(c.fields)) {
        if (field.attribute.type === 'relation') expect(keys.has(field.attribute.target)).toBe(true);
      }
    }
  });

  it('names every field and describes it in Japanese as well as English, for the admin', () => {
    const fields = all.flatMap((collection) => [
      ['edition', editionField] as const,
      ...Object.entries(workflowFields),
      ...Object.entries(collection.fields).map(([name, field]) => [`${collection.key}.${name}`, field] as const),
    ]);
    const unnamed = fields.filter(([, field]) => !fieldLabelsJa[field.label]).map(([name]) => name);
    const undescribed = fields
      .filter(([, field]) => field.description && !fieldDescriptionsJa[field.description])
      .map(([name]) => name);
    expect(unnamed).toEqual([]);
    expect(undescribed).toEqual([]);
    expect(fieldHint(collections.initiative.fields.order)).toBe(
      '区分の中での順番（1が先頭）。共通：日本語と英語で同じ値です。 — Position within its column, 1 first. Shared: the same in Japanese and English.',
    );
  });

  it('labels every choice value in every language', () => {
    const values = all.flatMap((collection) =>
      [...Object.values(collection.fields), ...Object.values(workflowFields)].flatMap((field: Field) =>
        field.attribute.type === 'enumeration' ? field.attribute.enum : [],
      ),
    );
    for (const value of values) expect(Object.keys(choiceLabels[value] ?? {}), value).toEqual([...locales]);
  });

  it('uses enumeration values that are valid GraphQL names', () => {
    for (const c of all) {
      for (const field of Object.values(c.fields)) {
        if (field.attribute.type !== 'enumeration') continue;
        for (const value of field.attribute.enum) expect(value).toMatch(/^[_A-Za-z][_0-9A-Za-z]*$/u);
      }
    }
  });
});

describe('seed and entry schemas', () => {
  const branch = {
    slug: 'koto',
    order: 8,
    name: { ja: '江東', en: 'Koto' },
    focusItems: [{ ja: '項目', en: 'Item' }],
  };

  it('require every locale of a localised field in a seed', () => {
    expect(seedSchemas.branch.safeParse(branch).success).toBe(true);
    const missing = seedSchemas.branch.safeParse({ ...branch, name: { ja: '江東' } });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.path).toEqual(['name', 'en']);
  });

  it('refuse a bad slug, an empty list and a non-integer order', () => {
    expect(seedSchemas.branch.safeParse({ ...branch, slug: 'Koto Ward' }).success).toBe(false);
    expect(seedSchemas.branch.safeParse({ ...branch, focusItems: [] }).success).toBe(false);
    expect(seedSchemas.branch.safeParse({ ...branch, order: 1.5 }).success).toBe(false);
  });

  it('read one locale of an entry as the CMS serves it', () => {
    const parsed = entrySchemas.branch.parse({
      edition: 2021,
      slug: 'koto',
      order: 8,
      name: 'Koto',
      focusItems: ['Item'],
    });
    expect(parsed.name).toBe('Koto');
    expect(parsed.edition).toBe(2021);
    // Every entry belongs to an edition.
    expect(entrySchemas.branch.safeParse({ ...parsed, edition: undefined }).success).toBe(false);
    expect(
      entrySchemas.initiative.safeParse({
        edition: 2021,
        slug: 'x',
        order: 1,
        column: 'focus',
        category: 'memberServices',
        isNew: true,
        text: 'T',
        pillars: [],
      }).success,
    ).toBe(true);
    expect(
      entrySchemas.infoBoard.safeParse({ edition: 2021, slug: 'x', order: 1, title: 'T', description: null }).success,
    ).toBe(true);
  });
});

describe('Strapi content types generated from the model', () => {
  it('are localised, with draft & publish on', () => {
    for (const c of all) {
      const schema = toStrapiSchema(c);
      expect(schema.pluginOptions).toEqual({ i18n: { localized: true } });
      expect(schema.options).toEqual({ draftAndPublish: true });
      // A single type too: it holds one entry per edition.
      expect(schema.kind).toBe('collectionType');
      expect(schema.attributes.edition).toEqual({
        type: 'integer',
        required: true,
        min: 2000,
        max: 2100,
        pluginOptions: { i18n: { localized: false } },
      });
    }
  });

  it('keep a slug unique per edition, not across the collection (no Strapi uid)', () => {
    expect(toStrapiSchema(collections.branch).attributes.slug).toEqual({
      type: 'string',
      regex: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
      required: true,
      pluginOptions: { i18n: { localized: false } },
    });
  });

  it('mark each attribute localised or shared as the model does', () => {
    const initiative = toStrapiSchema(collections.initiative).attributes;
    expect(initiative.text).toMatchObject({
      type: 'text',
      required: true,
      pluginOptions: { i18n: { localized: true } },
    });
    expect(initiative.isNew).toMatchObject({
      type: 'boolean',
      default: false,
      pluginOptions: { i18n: { localized: false } },
    });
    expect(initiative.category).toMatchObject({
      type: 'enumeration',
      enum: ['managementSupport', 'memberServices', 'policyRegional'],
    });
    expect(initiative.note).toMatchObject({ type: 'text', private: true });
    expect(initiative.note).not.toHaveProperty('required');
    expect(initiative.pillars).toEqual({
      type: 'relation',
      relation: 'manyToMany',
      target: 'api::activity-pillar.activity-pillar',
    });
  });

  it('store item lists as a repeatable component', () => {
    expect(toStrapiSchema(collections.branch).attributes.focusItems).toMatchObject({
      type: 'component',
      repeatable: true,
      component: 'plan.item',
    });
  });

  it('write both sides of a two-way relation', () => {
    expect(toStrapiSchema(collections.branchCluster).attributes.branches).toEqual({
      type: 'relation',
      relation: 'oneToMany',
      target: contentTypeUid(collections.branch),
      mappedBy: 'cluster',
    });
    expect(toStrapiSchema(collections.branch).attributes.cluster).toEqual({
      type: 'relation',
      relation: 'manyToOne',
      target: contentTypeUid(collections.branchCluster),
      inversedBy: 'branches',
    });
  });
});

describe('GraphQL queries built from the model', () => {
  it('name the fields Strapi generates', () => {
    expect(graphqlFieldName(collections.branchCluster)).toBe('branchClusters');
    expect(graphqlFieldName(collections.annualPlan)).toBe('annualPlans');
  });

  it('select public fields, item texts and related slugs, and page through a collection in order', () => {
    const query = graphqlQuery(collections.initiative);
    expect(query).toContain(
      'initiatives_connection(locale: $locale, pagination: { page: $page, pageSize: $pageSize }, sort: ["edition:asc","order:asc","slug:asc","documentId:asc"])',
    );
    expect(query).toMatch(/\{ nodes \{ edition slug order /u);
    expect(query).toContain('pillars { slug }');
    expect(query).not.toContain('note');
    expect(graphqlQuery(collections.branch)).toContain('focusItems { text }');
    expect(graphqlQuery(collections.financeYear)).toContain(
      'sort: ["edition:asc","fiscalYear:asc","slug:asc","documentId:asc"]',
    );
    // A single type is read like any collection: one entry per edition.
    expect(graphqlQuery(collections.vision)).toMatch(
      /^query visions\(.*\) \{ page: visions_connection\(locale: \$locale,/u,
    );
  });

  it('order entries that share an order by slug, whatever order they come in', () => {
    // Initiatives of different columns share order numbers; the CMS returns ties in its row order,
    // which a publish changes.
    const entries = [
      { slug: 'b-second', order: 2 },
      { slug: 'covid-b', order: 1 },
      { slug: 'covid-a', order: 1 },
      { slug: 'a-first', order: 1 },
    ];
    const sorted = (list: typeof entries) => list.toSorted(compareEntries).map((entry) => entry.slug);
    expect(sorted(entries)).toEqual(['a-first', 'covid-a', 'covid-b', 'b-second']);
    expect(sorted(entries.toReversed())).toEqual(sorted(entries));
    expect([{ fiscalYear: 2021 }, { fiscalYear: 2020 }].toSorted(compareEntries)).toEqual([
      { fiscalYear: 2020 },
      { fiscalYear: 2021 },
    ]);
  });

  it('turn a GraphQL node into an entry the entry schema accepts', () => {
    const node = {
      edition: 2021,
      slug: 'east',
      order: 1,
      name: 'East',
      branches: [{ slug: 'taito' }],
      projects: [{ text: 'Jobs' }],
      description: 'D',
    };
    const entry = entrySchemas.branchCluster.parse(fromGraphql(collections.branchCluster, node));
    expect(entry.branches).toEqual(['taito']);
    expect(entry.projects).toEqual(['Jobs']);
    const challenge = entrySchemas.challenge.parse(
      fromGraphql(collections.challenge, { edition: 2021, slug: 'c', order: 1, title: 'T', area: { slug: 'a' } }),
    );
    expect(challenge.area).toBe('a');
  });
});
