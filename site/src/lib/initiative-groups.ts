// The plan's grouping of initiatives, written once for every page that shows it (the initiatives
// page, an initiative's own page, the whole plan for printing): by column, then by category, each
// group in the order the entries come in (their order in the plan).
import { initiativeCategories, initiativeColumns, type InitiativeCategory, type InitiativeColumn } from '@tcci/schemas';

/** An initiative as far as its grouping goes. */
interface Grouped {
  entry: { column: InitiativeColumn; category: InitiativeCategory };
}

/** One column: its categories that hold initiatives, each with them. */
export interface InitiativeColumnGroup<T> {
  column: InitiativeColumn;
  categories: { category: InitiativeCategory; initiatives: T[] }[];
}

/** Every column, in the plan's order, with its non-empty categories (a column may have none). */
export function initiativeGroups<T extends Grouped>(initiatives: readonly T[]): InitiativeColumnGroup<T>[] {
  return initiativeColumns.map((column) => ({
    column,
    categories: initiativeCategories
      .map((category) => ({
        category,
        initiatives: initiatives.filter((i) => i.entry.column === column && i.entry.category === category),
      }))
      .filter((group) => group.initiatives.length > 0),
  }));
}

/** The initiatives in the plan's reading order: by column, then category, then their order. */
export function inReadingOrder<T extends Grouped>(initiatives: readonly T[]): T[] {
  return initiativeGroups(initiatives).flatMap(({ categories }) => categories.flatMap((group) => group.initiatives));
}
