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

/**
 * The letters written only in a locale's own script: a run of them in another locale's text is a
 * phrase in that language (a Japanese name quoted in English), which the site marks with `lang`.
 * Null where the script is shared: Latin letters are everyday Japanese too (BCP, DX).
 */
export const localeScripts = {
  ja: /[\p{scx=Hani}\p{scx=Hira}\p{scx=Kana}]/u,
  en: null,
} as const satisfies Record<Locale, RegExp | null>;
