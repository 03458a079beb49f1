/**
 * Reading values whose shape nothing declares: rows of Strapi's query layer and core store (typed
 * `any`), and what Koa's `ctx.state` holds. Each reader checks what it reads.
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
