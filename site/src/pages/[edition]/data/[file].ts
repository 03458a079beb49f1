import { locales, type CollectionDef, type CollectionKey, type Locale } from '@tcci/schemas';
import type { APIRoute, GetStaticPaths } from 'astro';
import { planEditions, planEntries, planSingle } from '../../../lib/content.ts';
import {
  dataCollections,
  dataFiles,
  dataPackage,
  dataRows,
  jsonSchema,
  toCsv,
  type DataFile,
} from '../../../lib/open-data.ts';

interface Props {
  edition: number;
  file: DataFile;
}

// Every edition's open data, at `/{year}/data/<file>`: the same files for every language.
export const getStaticPaths = (async () =>
  (await planEditions()).flatMap((edition) =>
    dataFiles().map((file) => ({ params: { edition: String(edition), file: file.name }, props: { edition, file } })),
  )) satisfies GetStaticPaths;

const json = (value: unknown) =>
  new Response(`${JSON.stringify(value, null, 2)}\n`, {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

export const GET: APIRoute<Props> = async ({ props: { edition, file } }) => {
  const rows = async (collection: CollectionDef, locale: Locale) =>
    dataRows(collection, await planEntries(collection.key as CollectionKey, locale, edition), edition);
  if (file.kind === 'package')
    return json(dataPackage(edition, (await planSingle('annualPlan', 'ja', edition)).entry.title));
  if (file.kind === 'edition') {
    const byCollection: Record<string, Record<string, unknown>> = {};
    for (const { name, collection } of dataCollections)
      byCollection[name] = Object.fromEntries(
        await Promise.all(locales.map(async (locale) => [locale, await rows(collection, locale)] as const)),
      );
    return json({ edition, locales, collections: byCollection });
  }
  const collection = file.collection!;
  if (file.kind === 'schema') return json(jsonSchema(collection, edition));
  const data = await rows(collection, file.locale!);
  if (file.format === 'json') return json(data);
  return new Response(toCsv(collection, data), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
