import type { Locale } from '@tcci/schemas';
import type { APIRoute, GetStaticPaths } from 'astro';
import { localeRoutes } from '../../../lib/urls.ts';
import { updatesFeed } from '../../../lib/updates.ts';

// The Atom feed of the plan's updates in one locale: `/updates/feed.xml`, `/en/updates/feed.xml`.
export const getStaticPaths = localeRoutes satisfies GetStaticPaths;

export const GET: APIRoute<{ locale: Locale }> = async ({ props, site }) =>
  new Response(await updatesFeed(props.locale, site), {
    headers: { 'content-type': 'application/atom+xml; charset=utf-8' },
  });
