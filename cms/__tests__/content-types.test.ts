import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { collections, itemComponent, toStrapiSchema } from '@tcci/schemas';
import { describe, expect, it } from 'vitest';

const appDir = path.resolve(import.meta.dirname, '..');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe("the CMS's content types", () => {
  it('are exactly the collections of the content model', () => {
    const apis = readdirSync(path.join(appDir, 'src/api')).sort();
    expect(apis).toEqual(
      Object.values(collections)
        .map((c) => c.singularName)
        .sort(),
    );
  });

  it.each(Object.values(collections).map((c) => [c.singularName, c] as const))(
    '%s matches its definition in schemas/ (run `pnpm --filter @tcci/cms generate` after changing the model)',
    (name, collection) => {
      const file = path.join(appDir, 'src/api', name, 'content-types', name, 'schema.json');
      expect(existsSync(file), file).toBe(true);
      expect(readJson(file)).toEqual(JSON.parse(JSON.stringify(toStrapiSchema(collection))));
      for (const part of ['controllers', 'routes', 'services']) {
        expect(existsSync(path.join(appDir, 'src/api', name, part, `${name}.ts`)), `${name} ${part}`).toBe(true);
      }
    },
  );

  it('share the item component the model defines', () => {
    const [category, name] = itemComponent.uid.split('.');
    expect(readJson(path.join(appDir, 'src/components', category!, `${name}.json`))).toEqual(itemComponent.schema);
  });
});
