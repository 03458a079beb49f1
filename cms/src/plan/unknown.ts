import { defaultLocale, isLocale } from '@tcci/schemas';

/**
 * Reading values whose shape nothing declares: rows of Strapi's query layer and core store (typed
 * `any`), what Koa's `ctx.state` holds, and the Document Service's params. Each reader checks what it reads.
 */

export type Row = Record<string, unknown>;

/** A plain record: not null, not an array, not a Date. */
export const isRecord = (value: unknown): value is Row =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** `value[key]` when value is a record, else undefined. */
export const member = (value: unknown, key: string): unknown => (isRecord(value) ? value[key] : undefined);

/** The records of a list (a populated relation or component list), or none. */
export const records = (value: unknown): Row[] => (Array.isArray(value) ? value.filter(isRecord) : []);

/** A string, or undefined for anything else. */
export const stringOr = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * A point in time as an ISO string: a Date, or a string that parses as one (the query layer gives
 * either, by database); undefined for anything else.
 */
export const isoOr = (value: unknown): string | undefined =>
  value instanceof Date
    ? value.toISOString()
    : typeof value === 'string' && !Number.isNaN(Date.parse(value))
      ? value
      : undefined;

/**
 * The locales a Document Service call names in `params.locale`: none given is the default locale,
 * `'*'` is every locale (undefined), a list keeps its known locales.
 */
export function localesOf(locale: unknown): string[] | undefined {
  if (locale === undefined || locale === null) return [defaultLocale];
  if (locale === '*') return undefined;
  const list = Array.isArray(locale) ? locale : [locale];
  return list.filter((value): value is string => typeof value === 'string' && isLocale(value));
}
