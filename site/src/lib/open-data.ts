// The plan as open data, per edition: every collection in every locale as JSON and as CSV (UTF-8
// with a byte order mark, so that Excel in Japan opens it as UTF-8; RFC 4180 quoting and CRLF line
// ends, written by csv-stringify), the whole edition in both languages as one JSON, a JSON Schema per
// collection generated from the zod model, and a Frictionless Data Package describing every file.
// Private fields (the editors' notes) are never in it.
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import {
  collections,
  entrySchemas,
  locales,
  type CollectionDef,
  type CollectionKey,
  type Field,
  type Locale,
} from '@tcci/schemas';
import type { PlanRecord } from './source.ts';

/** Every collection, by the name its files carry (its plural name: `initiatives`, `branch-clusters`). */
export const dataCollections = (Object.values(collections) as CollectionDef[]).map((collection) => ({
  key: collection.key as CollectionKey,
  name: collection.pluralName,
  collection,
}));

/** The published fields of a collection, in the model's order, after the edition. */
export function dataFields(collection: CollectionDef): [string, Field][] {
  return Object.entries(collection.fields).filter(([, field]) => !field.private);
}

/** One row of open data: the entry's published fields; in a translation, the fields still in Japanese. */
export type DataRow = Record<string, unknown> & { edition: number; untranslated?: string[] };

/** The rows of a collection in one locale, from the records the site shows. */
export function dataRows(collection: CollectionDef, records: readonly PlanRecord[], edition: number): DataRow[] {
  const fields = dataFields(collection);
  return records.map((record) => {
    const entry = record.entry as Record<string, unknown>;
    const row: DataRow = { edition };
    for (const [name] of fields) if (entry[name] !== undefined) row[name] = entry[name];
    if (record.untranslated.length > 0) row.untranslated = [...record.untranslated];
    return row;
  });
}

/** The CSV columns of a collection: the edition, its published fields, and (in a translation) the untranslated ones. */
export function csvColumns(collection: CollectionDef): string[] {
  return ['edition', ...dataFields(collection).map(([name]) => name), 'untranslated'];
}

/** A list is one cell, its items one per line (a quoted cell may hold line breaks). */
export const listSeparator = '\n';

/** A collection's rows as CSV: UTF-8 with BOM, a header row, RFC 4180 quoting, CRLF. */
export function toCsv(collection: CollectionDef, rows: readonly DataRow[]): string {
  const columns = csvColumns(collection);
  const cell = (value: unknown): string | number | boolean =>
    Array.isArray(value) ? value.join(listSeparator) : value === undefined || value === null ? '' : (value as string);
  return stringify(
    rows.map((row) => columns.map((column) => cell(row[column]))),
    {
      header: true,
      columns,
      bom: true,
      record_delimiter: 'windows',
      quoted_match: /^\s|\s$/u,
      cast: { boolean: (value) => String(value) },
    },
  );
}

/** The JSON Schema (draft 2020-12) of a collection's JSON file, generated from the zod model. */
export function jsonSchema(collection: CollectionDef, edition: number): Record<string, unknown> {
  const published = Object.fromEntries(dataFields(collection).map(([name]) => [name, true as const]));
  const row = (entrySchemas[collection.key as CollectionKey] as unknown as z.ZodObject)
    .pick({ edition: true, ...published })
    .extend({ untranslated: z.array(z.string()).optional() })
    .strict();
  return {
    ...z.toJSONSchema(z.array(row), { target: 'draft-2020-12', io: 'output' }),
    title: `${collection.displayName}, fiscal ${edition}`,
    description: collection.description,
  };
}

/** The files of an edition's open data, by their name in `/{year}/data/`. */
export interface DataFile {
  name: string;
  format: 'json' | 'csv';
  /** The collection it holds (none for the whole edition and the package). */
  collection?: CollectionDef;
  locale?: Locale;
  kind: 'collection' | 'schema' | 'edition' | 'package';
}

export function dataFiles(): DataFile[] {
  return [
    { name: 'datapackage.json', format: 'json', kind: 'package' },
    { name: 'plan.json', format: 'json', kind: 'edition' },
    ...dataCollections.flatMap(({ name, collection }) => [
      ...locales.flatMap((locale) => [
        { name: `${name}.${locale}.json`, format: 'json' as const, collection, locale, kind: 'collection' as const },
        { name: `${name}.${locale}.csv`, format: 'csv' as const, collection, locale, kind: 'collection' as const },
      ]),
      { name: `${name}.schema.json`, format: 'json' as const, collection, kind: 'schema' as const },
    ]),
  ];
}

/** A Frictionless Table Schema field type for a field of the model. */
function tableType(field: Field): string {
  switch (field.attribute.type) {
    case 'integer':
      return 'integer';
    case 'decimal':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'string';
  }
}

/**
 * The Data Package (datapackage.json) of an edition: every file with its path, format, media type
 * and encoding; the CSV files with their Table Schema, the JSON files with their JSON Schema.
 */
export function dataPackage(edition: number, title: string): Record<string, unknown> {
  const resources = dataFiles()
    .filter((file) => file.kind !== 'package')
    .map((file) => {
      const base = {
        name: file.name.replace(/\.(json|csv)$/u, '').replace(/[^a-z0-9._-]/gu, '-') + `-${file.format}`,
        path: file.name,
        format: file.format,
        mediatype: file.format === 'csv' ? 'text/csv' : 'application/json',
        encoding: file.format === 'csv' ? 'utf-8-sig' : 'utf-8',
      };
      if (file.kind === 'collection' && file.format === 'csv' && file.collection)
        return {
          ...base,
          profile: 'tabular-data-resource',
          dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
          schema: {
            fields: [
              { name: 'edition', type: 'integer' },
              ...dataFields(file.collection).map(([name, field]) => ({
                name,
                type: tableType(field),
                description: field.label,
              })),
              { name: 'untranslated', type: 'string', description: 'Fields still in Japanese, one per line.' },
            ],
          },
          ...(file.locale ? { title: `${file.collection.displayName} (${file.locale})` } : {}),
        };
      if (file.kind === 'collection' && file.collection)
        return {
          ...base,
          title: `${file.collection.displayName} (${file.locale})`,
          schema: `${file.collection.pluralName}.schema.json`,
        };
      return {
        ...base,
        title:
          file.kind === 'edition'
            ? `The whole plan, fiscal ${edition}, in every language`
            : `JSON Schema: ${file.collection?.displayName}`,
      };
    });
  return {
    profile: 'data-package',
    name: `tcci-business-activity-plan-${edition}`,
    title,
    resources,
  };
}
