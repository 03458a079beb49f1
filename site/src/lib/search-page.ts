// The search page in the browser (views/Search.astro): looks the query up in the edition's Pagefind
// index (written by scripts/search-index.ts) and lists the pages found, each with its section and an
// excerpt. The query is in the address (`?q=`), so the header's search box, a link and the back
// button all work; without JavaScript, the page says where else to look.
import type { Locale } from '@tcci/schemas/locales';
import { languageRuns } from './language.ts';
import { excerptParts, mergeResults, queryForms, type Found } from './search.ts';

/** What Pagefind gives for one page found. */
interface PageData {
  url: string;
  excerpt: string;
  meta: { title?: string; section?: string };
}

interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(query: string, options: { filters: Record<string, string> }): Promise<{ results: Found<PageData>[] }>;
}

/** How many pages are listed at first, and added by each "show more". */
const pageSize = 5;

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/gu, (whole, name: string) => String(values[name] ?? whole));

/**
 * Appends text to an element, each phrase in another language's script in a span with its `lang`
 * (an English page's results quote the Japanese names the plan gives), as the pages themselves do.
 */
function appendText(parent: HTMLElement, text: string, locale: Locale) {
  for (const run of languageRuns(text, locale)) {
    if (!run.lang) parent.append(run.text);
    else parent.append(Object.assign(document.createElement('span'), { lang: run.lang, textContent: run.text }));
  }
}

export function startSearchPage(root: HTMLElement): void {
  const locale = document.documentElement.lang as Locale;
  const form = root.querySelector<HTMLFormElement>('form')!;
  const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
  const status = root.querySelector<HTMLElement>('[role="status"]')!;
  const list = root.querySelector<HTMLOListElement>('ol')!;
  const more = root.querySelector<HTMLButtonElement>('button.search-more')!;
  const text = root.dataset as Record<string, string>;
  const base = text.base ?? '/';
  let pagefind: Promise<Pagefind> | undefined;
  let shown: Found<PageData>[] = [];
  let listed = 0;
  let latest = 0;

  const load = () =>
    (pagefind ??= (async () => {
      const module = (await import(/* @vite-ignore */ `${base}pagefind/pagefind.js`)) as Pagefind;
      // In the page rather than a worker: the index is small, and a worker would load the library twice.
      await module.options({ basePath: `${base}pagefind/`, baseUrl: base, excerptLength: 24, noWorker: true });
      await module.init();
      return module;
    })());

  const listMore = async (run: number) => {
    const next = shown.slice(listed, listed + pageSize);
    const pages = await Promise.all(next.map((result) => result.data()));
    if (run !== latest) return;
    for (const page of pages) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = page.url;
      appendText(link, page.meta.title ?? page.url, locale);
      const heading = document.createElement('h2');
      heading.append(link);
      const section = document.createElement('p');
      section.className = 'search-section';
      section.textContent = page.meta.section ?? '';
      const excerpt = document.createElement('p');
      excerpt.className = 'search-excerpt';
      for (const part of excerptParts(page.excerpt)) {
        const into = part.mark ? excerpt.appendChild(document.createElement('mark')) : excerpt;
        appendText(into, part.text, locale);
      }
      item.append(heading, section, excerpt);
      list.append(item);
    }
    listed += next.length;
    more.hidden = listed >= shown.length;
  };

  const run = async (query: string) => {
    const run = ++latest;
    const forms = queryForms(query);
    list.replaceChildren();
    more.hidden = true;
    shown = [];
    listed = 0;
    if (forms.length === 0) {
      status.textContent = '';
      return;
    }
    status.textContent = text.loading ?? '';
    root.dataset.state = 'searching';
    try {
      const search = await load();
      const filters = { edition: text.edition ?? '' };
      const found = mergeResults(
        (await Promise.all(forms.map((form) => search.search(form, { filters })))).map((r) => r.results),
      );
      if (run !== latest) return;
      shown = found;
      await listMore(run);
      if (run !== latest) return;
      const values = { query: query.trim(), count: found.length };
      status.textContent = fill(found.length > 0 ? (text.count ?? '') : (text.none ?? ''), values);
      root.dataset.state = 'done';
    } catch (error) {
      if (run !== latest) return;
      console.error(error);
      status.textContent = text.failed ?? '';
      root.dataset.state = 'failed';
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set('q', input.value);
    history.replaceState(null, '', url);
    void run(input.value);
  });
  more.addEventListener('click', () => {
    const first = list.children.length;
    void listMore(latest).then(() => list.querySelectorAll<HTMLAnchorElement>('a')[first]?.focus());
  });

  const query = new URLSearchParams(location.search).get('q') ?? '';
  input.value = query;
  if (query) void run(query);
}
