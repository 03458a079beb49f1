// The plan's open data as a journalist downloads it, from the site built from the shared, seeded CMS
// (a real Strapi): every file parses, each CSV holds what its JSON holds (UTF-8 with BOM, RFC 4180),
// every JSON validates against its JSON Schema, the package lists every file, and the counts are the
// plan's. No editors' note is in any of it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { collections, locales, type CollectionDef } from '@tcci/schemas';
import { editionDir, loadSeeds } from '@tcci/seeds';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedSite } from '../../cms/__tests__/shared/shared.ts';
import { csvColumns, listSeparator } from '../src/lib/open-data.ts';

const seeds = loadSeeds(editionDir(2021), 2021) as unknown as Record<string, { note?: string }[]>;
const all = Object.values(collections) as CollectionDef[];

describe('the open data of fiscal 2021', () => {
  let dir = '';
  const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');
  const readJson = (name: string) => JSON.parse(read(name)) as unknown;

  beforeAll(async () => {
    const site = await sharedSite();
    if (site.code !== 0) throw new Error(site.output);
    dir = path.join(site.outDir, '2021', 'data');
  });

  it('holds every collection in every language, as many entries as the plan has', () => {
    for (const collection of all)
      for (const locale of locales) {
        const rows = readJson(`${collection.pluralName}.${locale}.json`) as Record<string, unknown>[];
        expect(rows, `${collection.pluralName}.${locale}`).toHaveLength(seeds[collection.key]!.length);
        expect(rows.every((row) => row.edition === 2021)).toBe(true);
      }
    const initiatives = readJson('initiatives.en.json') as { slug: string; text: string; isNew: boolean }[];
    expect(initiatives.filter((i) => i.isNew)).toHaveLength(10);
    expect(initiatives.find((i) => i.slug === 'shibusawa-events')?.text).toContain('Shibusawa Premium Meeting');
  });

  it('validates every JSON file against its JSON Schema, and the schema refuses what the model refuses', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    for (const collection of all) {
      const validate = ajv.compile(readJson(`${collection.pluralName}.schema.json`) as object);
      for (const locale of locales) {
        const rows = readJson(`${collection.pluralName}.${locale}.json`) as Record<string, unknown>[];
        expect(validate(rows), `${collection.pluralName}.${locale}: ${ajv.errorsText(validate.errors)}`).toBe(true);
        if (rows[0]) expect(validate([{ ...rows[0], edition: 'twenty' }])).toBe(false);
      }
    }
  });

  it('writes CSV that Excel opens as UTF-8 and that reads back as its JSON', () => {
    for (const collection of all)
      for (const locale of locales) {
        const raw = readFileSync(path.join(dir, `${collection.pluralName}.${locale}.csv`));
        expect([...raw.subarray(0, 3)], 'a byte order mark').toEqual([0xef, 0xbb, 0xbf]);
        const text = raw.toString('utf8').slice(1);
        expect(text.split('\r\n')[0]).toBe(csvColumns(collection).join(','));
        const records: Record<string, string>[] = parse(text, { columns: true, relax_quotes: false });
        const rows = readJson(`${collection.pluralName}.${locale}.json`) as Record<string, unknown>[];
        expect(records).toHaveLength(rows.length);
        records.forEach((record, index) => {
          const row = rows[index]!;
          for (const column of csvColumns(collection)) {
            const value = row[column];
            const expected = Array.isArray(value)
              ? value.join(listSeparator)
              : value === undefined || value === null
                ? ''
                : String(value);
            expect(record[column], `${collection.pluralName}.${locale} row ${index + 1} ${column}`).toBe(expected);
          }
        });
      }
  });

  it('puts the whole edition in both languages into one file, and describes every file in its Data Package', () => {
    const plan = readJson('plan.json') as { edition: number; collections: Record<string, Record<string, unknown[]>> };
    expect(plan.edition).toBe(2021);
    for (const collection of all)
      for (const locale of locales)
        expect(plan.collections[collection.pluralName]?.[locale]).toEqual(
          readJson(`${collection.pluralName}.${locale}.json`),
        );
    const pack = readJson('datapackage.json') as { name: string; resources: { path: string; name: string }[] };
    expect(pack.name).toBe('tcci-business-activity-plan-2021');
    const files = readdirSync(dir).filter((name) => name !== 'index.html' && name !== 'datapackage.json');
    expect(pack.resources.map((resource) => resource.path).sort()).toEqual(files.sort());
    expect(new Set(pack.resources.map((resource) => resource.name)).size).toBe(pack.resources.length);
  });

  it('never publishes an editors’ note', () => {
    const notes = Object.values(seeds)
      .flat()
      .map((entry) => entry.note)
      .filter((note): note is string => Boolean(note));
    expect(notes.length).toBeGreaterThan(10);
    const everything = readdirSync(dir)
      .map((name) => read(name))
      .join('\n');
    for (const note of notes) expect(everything).not.toContain(note.slice(0, 40));
    expect(everything).not.toContain('"note"');
  });
});
