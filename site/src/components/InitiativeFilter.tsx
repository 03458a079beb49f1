import { useEffect, useState } from 'react';
import {
  applyFilter,
  filterableFromDataset,
  filterFields,
  filterFromQuery,
  filterSummary,
  filterToQuery,
  type FilterChoice,
  type FilterSummaryTexts,
  type InitiativeFilter as Filter,
} from '../lib/filters.ts';

interface Props {
  /** The id of the filter form, rendered in the page. */
  form: string;
  /** The id of the element that holds the initiatives' list items (marked with `filterAttributes`). */
  list: string;
  /** How many initiatives the list holds. */
  total: number;
  texts: FilterSummaryTexts;
}

const everything: Filter = { newOnly: false };

/** The filter the form's fields say, read as the query a GET submission of it would send. */
function readForm(form: HTMLFormElement): Filter {
  const query = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') query.append(name, value);
  return filterFromQuery(`?${query.toString()}`);
}

function writeForm(form: HTMLFormElement, filter: Filter) {
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
  const column = field(filterFields.column);
  const category = field(filterFields.category);
  const newOnly = field(filterFields.newOnly) as HTMLInputElement | null;
  if (column) column.value = filter.column ?? '';
  if (category) category.value = filter.category ?? '';
  if (newOnly) newOnly.checked = filter.newOnly;
}

/** The criteria in use, named as the form names them (a select's label and option, a checkbox's label). */
function choicesOf(form: HTMLFormElement): FilterChoice[] {
  const choices: FilterChoice[] = [];
  for (const element of Array.from(form.elements)) {
    const labels = (element as HTMLInputElement | HTMLSelectElement).labels;
    const label = labels?.[0]?.textContent?.trim() ?? '';
    if (element instanceof HTMLSelectElement && element.value)
      choices.push({ name: label, value: element.selectedOptions[0]?.textContent?.trim() ?? element.value });
    else if (element instanceof HTMLInputElement && element.type === 'checkbox' && element.checked)
      choices.push({ name: label });
  }
  return choices;
}

/**
 * The filter of the initiatives page. The page renders the form and the whole grouped list; this
 * island makes the form work: it shows the initiatives that match (hiding the others and any group
 * left empty), keeps the filter in the URL, and renders the result line, which screen readers
 * announce and a printed page keeps. It takes no text the page already holds: the names of the
 * criteria are read from the form.
 */
export default function InitiativeFilter({ form: formId, list: listId, total, texts }: Props) {
  const [summary, setSummary] = useState(() => filterSummary('und', texts, total, []));

  useEffect(() => {
    const form = document.getElementById(formId);
    const list = document.getElementById(listId);
    if (!(form instanceof HTMLFormElement) || !list) return;
    const locale = document.documentElement.lang;
    const items = Array.from(list.querySelectorAll<HTMLElement>('[data-column]')).flatMap((element) => {
      const initiative = filterableFromDataset(element.dataset);
      return initiative ? [{ element, ...initiative }] : [];
    });
    const groups = Array.from(list.querySelectorAll<HTMLElement>('[data-group]'));

    const show = (filter: Filter) => {
      const shown = new Set(applyFilter(items, filter).map((item) => item.element));
      for (const { element } of items) element.hidden = !shown.has(element);
      for (const group of groups) group.hidden = !group.querySelector('[data-column]:not([hidden])');
      setSummary(filterSummary(locale, texts, shown.size, choicesOf(form)));
    };
    const remember = (filter: Filter) =>
      window.history.replaceState(
        null,
        '',
        `${window.location.pathname}${filterToQuery(filter)}${window.location.hash}`,
      );

    // A filter in the URL wins; otherwise the form may already hold one (chosen before this ran, or
    // restored by the browser).
    const fromUrl = filterFromQuery(window.location.search);
    const initial = filterToQuery(fromUrl) ? fromUrl : readForm(form);
    writeForm(form, initial);
    show(initial);

    const onChange = () => {
      const filter = readForm(form);
      remember(filter);
      show(filter);
    };
    const onReset = (event: Event) => {
      event.preventDefault();
      writeForm(form, everything);
      remember(everything);
      show(everything);
    };
    const onSubmit = (event: Event) => event.preventDefault();
    const onPopState = () => {
      const filter = filterFromQuery(window.location.search);
      writeForm(form, filter);
      show(filter);
    };
    form.addEventListener('change', onChange);
    form.addEventListener('reset', onReset);
    form.addEventListener('submit', onSubmit);
    window.addEventListener('popstate', onPopState);
    return () => {
      form.removeEventListener('change', onChange);
      form.removeEventListener('reset', onReset);
      form.removeEventListener('submit', onSubmit);
      window.removeEventListener('popstate', onPopState);
    };
  }, [formId, listId, texts]);

  return (
    <p className="filter-status" role="status">
      {summary}
    </p>
  );
}
