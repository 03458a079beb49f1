/**
 * The one locale config of the project. The CMS, the seed import and the site all import it;
 * nowhere else lists locales.
 */
export const locales = ['ja', 'en'] as const;

export type Locale = (typeof locales)[number];

export const defaultLocale = 'ja' satisfies Locale;

/** How each locale names itself, for language switchers and the CMS. */
export const localeNames = {
  ja: '日本語',
  en: 'English',
} as const satisfies Record<Locale, string>;

export function isLocale(value: string): value is Locale {
  return (locales as readonly string[]).includes(value);
}
