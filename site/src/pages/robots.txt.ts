import type { APIRoute } from 'astro';
import { isPreview } from '../lib/loader.ts';

/**
 * robots.txt: every page may be indexed, and the sitemap is named with the site's public address.
 * The editors' preview (drafts) is for nobody's index.
 */
export const GET: APIRoute = ({ site }) => {
  const base = import.meta.env.BASE_URL.replace(/\/?$/u, '/');
  const sitemap = new URL(`${base}sitemap-index.xml`, site).href;
  const body = isPreview() ? 'User-agent: *\nDisallow: /\n' : `User-agent: *\nAllow: /\n\nSitemap: ${sitemap}\n`;
  return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
};
