// Writes Strapi's content types (src/api/<name>/…) and the item component from the content model in
// @tcci/schemas, so the CMS never holds a second definition. A test fails if these files drift.
// Usage: pnpm --filter @tcci/cms generate
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { collections, itemComponent, toStrapiSchema } from '@tcci/schemas';

const appDir = path.resolve(import.meta.dirname, '..');
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function write(file: string, content: string, { overwrite = true } = {}): void {
  if (!overwrite && existsSync(file)) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  console.log(`wrote ${path.relative(appDir, file)}`);
}

for (const collection of Object.values(collections)) {
  const name = collection.singularName;
  const uid = `api::${name}.${name}`;
  const dir = path.join(appDir, 'src', 'api', name);
  write(path.join(dir, 'content-types', name, 'schema.json'), json(toStrapiSchema(collection)));
  // Core controllers, routes and services: one-line factories (written once; hand edits are kept).
  for (const [part, factory] of [
    ['controllers', 'createCoreController'],
    ['routes', 'createCoreRouter'],
    ['services', 'createCoreService'],
  ] as const) {
    write(
      path.join(dir, part, `${name}.ts`),
      `import { factories } from '@strapi/strapi';\n\nexport default factories.${factory}('${uid}');\n`,
      { overwrite: false },
    );
  }
}

const [category, component] = itemComponent.uid.split('.');
if (!category || !component) throw new Error(`The item component's uid is not "category.name": ${itemComponent.uid}`);
write(path.join(appDir, 'src', 'components', category, `${component}.json`), json(itemComponent.schema));
