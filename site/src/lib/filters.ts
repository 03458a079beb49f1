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
  const column = params.get('column');
  const category = params.get('category');
  return {
    column: (initiativeColumns as readonly string[]).includes(column ?? '') ? (column as InitiativeColumn) : undefined,
    category: (initiativeCategories as readonly string[]).includes(category ?? '')
      ? (category as InitiativeCategory)
      : undefined,
    newOnly: params.get('new') === '1',
  };
}

/** Writes a filter as a URL query (empty for "everything"), the inverse of {@link filterFromQuery}. */
export function filterToQuery(filter: InitiativeFilter): string {
  const params = new URLSearchParams();
  if (filter.column) params.set('column', filter.column);
  if (filter.category) params.set('category', filter.category);
  if (filter.newOnly) params.set('new', '1');
  const query = params.toString();
  return query ? `?${query}` : '';
}
