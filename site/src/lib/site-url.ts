// The site's public address (SITE_URL), decided from the environment alone, as plan-source.ts is:
// astro.config.ts gives it to Astro for the canonical, hreflang, Open Graph and sitemap URLs, and
// scripts/build.ts checks it before anything is started.

/** SITE_URL is missing where it is needed, or is no web address; the message is the one sentence to act on. */
export class SiteUrlError extends Error {
  override name = 'SiteUrlError';
}

/** The address a local build links to when SITE_URL is not set: the local stack's own site. */
export const loopbackSiteUrl = 'http://127.0.0.1:4321';

const truthy = (value: string | undefined) => value === '1' || value === 'true';

/**
 * The public address of the site, and whether it is the loopback stand-in. A hosted build
 * (SITE_HOSTED=true, as the publish workflow sets) refuses to build without SITE_URL: every
 * canonical, hreflang and sitemap link would point at 127.0.0.1.
 *
 * @example
 * siteUrl({ SITE_URL: 'https://plan.example.org' }); // { url: 'https://plan.example.org/', loopback: false }
 * siteUrl({});                                       // { url: 'http://127.0.0.1:4321/', loopback: true }
 */
export function siteUrl(env: Record<string, string | undefined> = process.env): { url: string; loopback: boolean } {
  const given = env.SITE_URL?.trim();
  if (!given) {
    if (truthy(env.SITE_HOSTED))
      throw new SiteUrlError(
        "SITE_URL is not set: a hosted build needs the site's public address for its canonical, hreflang and sitemap links (e.g. SITE_URL=https://plan.example.org).",
      );
    return { url: new URL(loopbackSiteUrl).href, loopback: true };
  }
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new SiteUrlError(`SITE_URL is "${given}", which is not a web address: give it as https://plan.example.org.`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username)
    throw new SiteUrlError(
      `SITE_URL is "${given}": it must be an http(s) address without query, fragment or user, e.g. https://plan.example.org.`,
    );
  return { url: url.href, loopback: false };
}
