// The whole plan as PDF: every edition's print page (`/{year}/print/`, `/en/{year}/print/`) of a built
// site rendered by Chromium into `plan.<locale>.pdf` beside it (`2021/print/plan.ja.pdf`,
// `en/2021/print/plan.en.pdf`): A4, the page numbers of the print stylesheet, fonts embedded (the
// Noto Sans CJK the machine has for Japanese), text selectable, tagged for accessibility and with an
// outline where Chromium makes them.
//   pnpm --filter @tcci/site pdf [built site folder]   (site/dist by default)
// scripts/build.ts runs it before a build is moved into place when SITE_PDF=1.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { localePrefix, locales } from '@tcci/schemas';
import { launchChromium } from './chromium.ts';

/** The address the built files are served at inside Chromium (answered from the folder, never the network). */
const origin = 'http://site.invalid';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The file of a built site a request path names (a folder's index.html), if it is inside the folder. */
function fileFor(dir: string, pathname: string): string | undefined {
  const file = path.join(dir, decodeURIComponent(pathname), pathname.endsWith('/') ? 'index.html' : '');
  return file.startsWith(path.resolve(dir) + path.sep) && existsSync(file) ? file : undefined;
}

/** Renders every edition's print pages of the site built in `dir`; returns the PDF files written. */
export async function renderPlanPdfs(dir: string): Promise<string[]> {
  const root = path.resolve(dir);
  const editions = readdirSync(root).filter(
    (name) => /^\d{4}$/u.test(name) && existsSync(path.join(root, name, 'print', 'index.html')),
  );
  if (editions.length === 0) throw new Error(`${dir} holds no print page (/{year}/print/): build the site first.`);
  const browser = await launchChromium();
  const written: string[] = [];
  try {
    const context = await browser.newContext();
    await context.route(`${origin}/**`, async (route) => {
      const { pathname } = new URL(route.request().url());
      const file = fileFor(root, pathname);
      if (!file) return route.fulfill({ status: 404, body: 'Not found' });
      await route.fulfill({
        status: 200,
        body: readFileSync(file),
        contentType: types[path.extname(file)] ?? 'application/octet-stream',
      });
    });
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    for (const edition of editions)
      for (const locale of locales) {
        const prefix = localePrefix(locale);
        await page.goto(`${origin}/${prefix ? `${prefix}/` : ''}${edition}/print/`, { timeout: 60_000 });
        await page.emulateMedia({ media: 'print' });
        const file = path.join(root, ...(prefix ? [prefix] : []), edition, 'print', `plan.${locale}.pdf`);
        await page.pdf({
          path: file,
          format: 'A4',
          printBackground: true,
          tagged: true,
          outline: true,
        });
        written.push(file);
      }
  } finally {
    await browser.close();
  }
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..', 'dist'));
  renderPlanPdfs(dir)
    .then((files) => console.log(`Wrote ${files.map((file) => path.relative(process.cwd(), file)).join(', ')}.`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}
