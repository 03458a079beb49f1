import {
  initiativeCategories,
  initiativeColumns,
  type InitiativeCategory,
  type InitiativeColumn,
} from '@tcci/schemas/values';

/** What the initiative explorer shows: a column, a category, new projects only — or everything. */
export interface InitiativeFilter {
  column?: InitiativeColumn;
  category?: InitiativeCategory;
  newOnly: boolean;
}

export interface FilterableInitiative {
  column: InitiativeColumn;
  category: InitiativeCategory;
  isNew: boolean;
}

/**
 * The name of each criterion in a URL query and in the filter form, which is a plain GET form:
 * its fields are the query's parameters.
 */
export const filterFields = { column: 'column', category: 'category', newOnly: 'new' } as const;

const isColumn = (value: unknown): value is InitiativeColumn =>
  (initiativeColumns as readonly unknown[]).includes(value);
const isCategory = (value: unknown): value is InitiativeCategory =>
  (initiativeCategories as readonly unknown[]).includes(value);

/** The data-* attributes by which the filter on the page finds what an initiative's list item is. */
export function filterAttributes(initiative: FilterableInitiative) {
  return {
    'data-column': initiative.column,
    'data-category': initiative.category,
    'data-new': initiative.isNew ? '1' : '0',
  };
}

/** Reads {@link filterAttributes} back from an element's dataset; undefined if they are not an initiative's. */
export function filterableFromDataset(dataset: Record<string, string | undefined>): FilterableInitiative | undefined {
  const { column, category } = dataset;
  if (!isColumn(column) || !isCategory(category)) return undefined;
  return { column, category, isNew: dataset.new === '1' };
}

/** The initiatives that pass a filter, in their original order. */
export function applyFilter<T extends FilterableInitiative>(initiatives: readonly T[], filter: InitiativeFilter): T[] {
  return initiatives.filter(
    (i) =>
      (!filter.column || i.column === filter.column) &&
      (!filter.category || i.category === filter.category) &&
      (!filter.newOnly || i.isNew),
  );
}

/**
 * Reads a filter from a URL query; unknown values are ignored, so an old or hand-edited link still works.
 *
 * @example
 * filterFromQuery('?column=covid&new=1'); // { column: 'covid', category: undefined, newOnly: true }
 */
export function filterFromQuery(search: string): InitiativeFilter {
  const params = new URLSearchParams(search);
  const column = params.get(filterFields.column);
  const category = params.get(filterFields.category);
  return {
    column: isColumn(column) ? column : undefined,
    category: isCategory(category) ? category : undefined,
    newOnly: params.get(filterFields.newOnly) === '1',
  };
}

/** Writes a filter as a URL query (empty for "everything"), the inverse of {@link filterFromQuery}. */
export function filterToQuery(filter: InitiativeFilter): string {
  const params = new URLSearchParams();
  if (filter.column) params.set(filterFields.column, filter.column);
  if (filter.category) params.set(filterFields.category, filter.category);
  if (filter.newOnly) params.set(filterFields.newOnly, '1');
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The sentences of the filter's result line (a dictionary's `initiatives.filter.*`). */
export interface FilterSummaryTexts {
  /** `{count}` shown, nothing filtered. */
  count: string;
  /** `{count}` shown, filtered by `{filters}`. */
  countFiltered: string;
  /** Nothing matches `{filters}`. */
  none: string;
  /** One chosen criterion: `{name}` and its `{value}`. */
  choice: string;
}

/** A criterion in use, as the form labels it: a select's label and chosen option, or a checkbox's label. */
export interface FilterChoice {
  name: string;
  value?: string;
}

/**
 * The result line: how many initiatives are shown and, when filtered, by what — the line that
 * screen readers announce and that a printed page keeps.
 *
 * @example
 * filterSummary('en', texts, 4, [{ name: 'Column', value: 'COVID-19 response' }]);
 * // 'Showing 4, filtered by Column: COVID-19 response'
 */
export function filterSummary(locale: string, texts: FilterSummaryTexts, count: number, choices: FilterChoice[]) {
  const fill = (template: string, values: Record<string, string>) =>
    template.replace(/\{(\w+)\}/gu, (match, name: string) => values[name] ?? match);
  if (choices.length === 0) return fill(texts.count, { count: String(count) });
  const filters = new Intl.ListFormat(locale, { type: 'conjunction' }).format(
    choices.map((choice) =>
      choice.value === undefined ? choice.name : fill(texts.choice, { name: choice.name, value: choice.value }),
    ),
  );
  return fill(count === 0 ? texts.none : texts.countFiltered, { count: String(count), filters });
}
