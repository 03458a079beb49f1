// The plan's updates feed: the major change notes editors published, as an Atom feed per locale
// (built with `feed`, a well-kept generator of valid Atom 1.0, rather than XML written by hand).
import { defaultLocale, type CollectionKey, type Locale } from '@tcci/schemas';
import { Feed } from 'feed';
import { planSingle, planUpdates, currentEdition } from './content.ts';
import { translator } from './i18n/index.ts';
import { entryUrl, pagePath, pageUrl, sections, type Section } from './urls.ts';

/** Where a locale's feed is: beside its updates page. */
export function feedUrl(locale: Locale): string {
  return `${pageUrl(locale, 'updates')}feed.xml`;
}

/** The name of the part of the site an entry is in (its section, or the home page). */
export function updateSection(locale: Locale, key: CollectionKey): string {
  const t = translator(locale);
  const section = pagePath(entryUrl(key, defaultLocale)).split('/')[0] ?? '';
  return (sections as readonly string[]).includes(section) ? t(`nav.${section as Section}`) : t('nav.home');
}

/** The Atom feed of a locale's updates; `site` is the site's public address (links are absolute). */
export async function updatesFeed(locale: Locale, site: URL | undefined): Promise<string> {
  const t = translator(locale);
  const absolute = (href: string) => new URL(href, site ?? 'http://127.0.0.1/').href;
  const updates = await planUpdates(locale);
  const plan = await planSingle('annualPlan', locale, await currentEdition());
  const page = absolute(pageUrl(locale, 'updates'));
  const feed = new Feed({
    id: page,
    link: page,
    title: `${t('updates.title')} — ${plan.entry.title}`,
    description: t('updates.intro'),
    language: locale,
    copyright: `© ${t('site.organisation')}`,
    author: { name: t('site.organisation') },
    // The feed changed when its newest update was published; a feed without any is as old as the epoch.
    updated: new Date(updates[0]?.at ?? 0),
    feedLinks: { atom: absolute(feedUrl(locale)) },
  });
  for (const update of updates) {
    const link = absolute(entryUrl(update.key, locale, update.slug, update.edition));
    feed.addItem({
      id: `${link}#update-${update.at}`,
      link,
      title: `${t('updates.where', { section: updateSection(locale, update.key), year: update.edition })}: ${update.title}`,
      description: update.note,
      date: new Date(update.at),
    });
  }
  return feed.atom1();
}
