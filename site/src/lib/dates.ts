import type { Locale } from '@tcci/schemas';

/** The language tag a locale's dates are written in. */
const dateLocales: Record<Locale, string> = { ja: 'ja-JP', en: 'en-GB' };

/**
 * A moment the CMS recorded (ISO 8601), as its day in Tokyo, where the plan is made, written as
 * the locale writes a date.
 *
 * @example
 * formatDay('ja', '2026-12-04T03:00:00.000Z'); // '2026年12月4日'
 * formatDay('en', '2026-12-04T03:00:00.000Z'); // '4 December 2026'
 */
export function formatDay(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(dateLocales[locale], { dateStyle: 'long', timeZone: 'Asia/Tokyo' }).format(
    new Date(iso),
  );
}

/** A moment's day in Tokyo as `YYYY-MM-DD`, for `<time datetime>`. */
export function isoDay(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date(iso));
}
