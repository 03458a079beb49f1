import { locales, type Locale } from '@tcci/schemas';
import { z } from 'zod';
import ja from './ja.ts';

/** The keys of the interface dictionary; Japanese, the default, defines them. */
export type DictionaryKey = keyof typeof ja;
export type Dictionary = Record<DictionaryKey, string>;

/** Every key required, none empty: a dictionary missing a key fails to build and to test. */
export const dictionarySchema = z.strictObject(
  Object.fromEntries(Object.keys(ja).map((key) => [key, z.string().min(1)])) as Record<DictionaryKey, z.ZodString>,
);

// Every dictionary file beside this one (`<locale>.ts`); which locales need one is the locale config's say.
const modules = import.meta.glob<{ default: unknown }>(['./*.ts', '!./index.ts'], { eager: true });

/** The dictionaries of every locale, each validated against the schema. */
export const dictionaries = Object.fromEntries(
  locales.map((locale) => {
    const module = modules[`./${locale}.ts`];
    if (!module) throw new Error(`There is no interface dictionary for the locale "${locale}".`);
    return [locale, dictionarySchema.parse(module.default)];
  }),
) as Record<Locale, Dictionary>;

/**
 * The translator for a locale: looks a key up and fills `{name}` placeholders.
 *
 * @example
 * const t = translator('en');
 * t('branch.name', { ward: 'Koto' }); // 'Koto Branch'
 */
export function translator(locale: Locale) {
  const dictionary = dictionaries[locale];
  return (key: DictionaryKey, values: Record<string, string | number> = {}) =>
    dictionary[key].replace(/\{(\w+)\}/gu, (match, name: string) => (name in values ? String(values[name]) : match));
}

export type Translate = ReturnType<typeof translator>;

/** A piece of a dictionary entry: a placeholder's value (`name` says which) or the words around them. */
export interface TextPart {
  text: string;
  name?: string;
}

/**
 * A dictionary entry split at its placeholders, for labels that show only the values and keep the
 * words around them for screen readers (the accessible name then contains what is shown).
 *
 * @example
 * translateParts('en', 'branches.tile', { ward: 'Koto', letter: 'D' });
 * // [{ name: 'ward', text: 'Koto' }, { text: ' Branch, group ' }, { name: 'letter', text: 'D' }]
 */
export function translateParts(
  locale: Locale,
  key: DictionaryKey,
  values: Record<string, string | number>,
): TextPart[] {
  return dictionaries[locale][key]
    .split(/(\{\w+\})/u)
    .filter(Boolean)
    .map((piece) => {
      const name = /^\{(\w+)\}$/u.exec(piece)?.[1];
      return name !== undefined && name in values ? { name, text: String(values[name]) } : { text: piece };
    });
}
