// Astro writes a small <style> for its islands (`astro-island{display:contents}`) in the body, just
// before the first island; HTML allows <style> only in the head there. Once the pages are built,
// this moves every <style> of a page's body into its head, in order.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** The page with the <style> elements of its body moved to the end of its head. */
export function hoistStyles(html: string): string {
  const headEnd = html.indexOf('</head>');
  if (headEnd < 0) return html;
  const styles: string[] = [];
  const body = html.slice(headEnd).replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/giu, (style) => {
    styles.push(style);
    return '';
  });
  return styles.length === 0 ? html : `${html.slice(0, headEnd)}${styles.join('')}${body}`;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(file);
    return entry.name.endsWith('.html') ? [file] : [];
  });
}

/** The Astro integration that hoists the styles of every built page. */
export function headStylesIntegration(): AstroIntegration {
  return {
    name: 'tcci-head-styles',
    hooks: {
      'astro:build:done': ({ dir }) => {
        for (const file of htmlFiles(fileURLToPath(dir))) {
          const html = readFileSync(file, 'utf8');
          const hoisted = hoistStyles(html);
          if (hoisted !== html) writeFileSync(file, hoisted);
        }
      },
    },
  };
}
