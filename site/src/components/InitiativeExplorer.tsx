import { useEffect, useMemo, useState } from 'react';
import {
  initiativeCategories,
  initiativeColumns,
  type InitiativeCategory,
  type InitiativeColumn,
} from '@tcci/schemas/values';
import { applyFilter, filterFromQuery, filterToQuery, type InitiativeFilter } from '../lib/filters.ts';

export interface ExplorerInitiative {
  slug: string;
  text: string;
  column: InitiativeColumn;
  category: InitiativeCategory;
  isNew: boolean;
  /** The text is the Japanese one, standing in for a missing translation. */
  untranslated: boolean;
}

export interface ExplorerLabels {
  legend: string;
  column: string;
  category: string;
  all: string;
  newOnly: string;
  count: string;
  none: string;
  reset: string;
  badgeNew: string;
  badgeNewLabel: string;
  untranslated: string;
  columns: Record<InitiativeColumn, string>;
  categories: Record<InitiativeCategory, string>;
}

interface Props {
  initiatives: ExplorerInitiative[];
  labels: ExplorerLabels;
}

const everything: InitiativeFilter = { newOnly: false };

/**
 * The initiatives, grouped by column and category, with filters (column, category, 新) kept in the
 * URL. Rendered on the server with every initiative listed; the filters appear once it runs in the
 * browser, so without JavaScript the page is the complete grouped list.
 */
export default function InitiativeExplorer({ initiatives, labels }: Props) {
  const [filter, setFilter] = useState<InitiativeFilter>(everything);
  const [interactive, setInteractive] = useState(false);

  useEffect(() => {
    setFilter(filterFromQuery(window.location.search));
    setInteractive(true);
    const onPopState = () => setFilter(filterFromQuery(window.location.search));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const update = (next: InitiativeFilter) => {
    setFilter(next);
    window.history.replaceState(null, '', `${window.location.pathname}${filterToQuery(next)}${window.location.hash}`);
  };

  const shown = useMemo(() => applyFilter(initiatives, filter), [initiatives, filter]);

  return (
    <div className="explorer">
      {interactive && (
        <form className="filters" onSubmit={(event) => event.preventDefault()}>
          <fieldset>
            <legend>{labels.legend}</legend>
            <label>
              <span>{labels.column}</span>
              <select
                value={filter.column ?? ''}
                onChange={(event) =>
                  update({ ...filter, column: (event.target.value || undefined) as InitiativeColumn | undefined })
                }
              >
                <option value="">{labels.all}</option>
                {initiativeColumns.map((column) => (
                  <option key={column} value={column}>
                    {labels.columns[column]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{labels.category}</span>
              <select
                value={filter.category ?? ''}
                onChange={(event) =>
                  update({ ...filter, category: (event.target.value || undefined) as InitiativeCategory | undefined })
                }
              >
                <option value="">{labels.all}</option>
                {initiativeCategories.map((category) => (
                  <option key={category} value={category}>
                    {labels.categories[category]}
                  </option>
                ))}
              </select>
            </label>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={filter.newOnly}
                onChange={(event) => update({ ...filter, newOnly: event.target.checked })}
              />
              <span>{labels.newOnly}</span>
            </label>
            <button type="button" onClick={() => update(everything)}>
              {labels.reset}
            </button>
          </fieldset>
          <p className="count" role="status" aria-live="polite">
            {shown.length === 0 ? labels.none : labels.count.replace('{count}', String(shown.length))}
          </p>
        </form>
      )}
      {initiativeColumns.map((column) => {
        const inColumn = shown.filter((i) => i.column === column);
        if (inColumn.length === 0) return null;
        return (
          <section key={column} className="initiative-column" aria-labelledby={`column-${column}`}>
            <h2 id={`column-${column}`}>{labels.columns[column]}</h2>
            {initiativeCategories.map((category) => {
              const group = inColumn.filter((i) => i.category === category);
              if (group.length === 0) return null;
              return (
                <section key={category} className="initiative-group">
                  <h3>{labels.categories[category]}</h3>
                  <ul className="initiatives">
                    {group.map((initiative) => (
                      <li key={initiative.slug} id={initiative.slug} className="initiative">
                        {initiative.isNew && (
                          <span className="badge-new" title={labels.badgeNewLabel}>
                            <span aria-hidden="true">{labels.badgeNew}</span>
                            <span className="visually-hidden">{labels.badgeNewLabel}</span>
                          </span>
                        )}
                        <span lang={initiative.untranslated ? 'ja' : undefined}>{initiative.text}</span>
                        {initiative.untranslated && <span className="untranslated"> {labels.untranslated}</span>}
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </section>
        );
      })}
    </div>
  );
}
