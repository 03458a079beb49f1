import type * as nodeFs from 'node:fs';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collections, entryFromVersions, entryVersions, type CollectionDef, type CollectionKey } from '@tcci/schemas';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  editionDir,
  formatSeedFile,
  loadEditions,
  loadSeeds,
  SeedWriteError,
  writeEditions,
  type SeedsToWrite,
} from '../src/index.ts';

// Lets a test make the n-th rename fail, as a full disk or a vanished folder would.
const renames = vi.hoisted(() => ({ failAt: 0, count: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof nodeFs>();
  return {
    ...fs,
    renameSync: (from: string, to: string) => {
      renames.count += 1;
      if (renames.count === renames.failAt) throw new Error('no space left on device (simulated)');
      fs.renameSync(from, to);
    },
  };
});

const all = Object.entries(collections) as [CollectionKey, CollectionDef][];
const seeds = loadSeeds(editionDir(2021), 2021) as unknown as SeedsToWrite;
const planDir = editionDir(2021);

/** Writes one edition, fiscal 2021, into `target`. */
const writeSeeds = (content: SeedsToWrite, target: string) =>
  writeEditions([{ edition: 2021, seeds: content }], target);
/** Reads fiscal 2021 back from `target`. */
const loadWritten = (target: string) => loadSeeds(editionDir(2021, target), 2021);

/** Every file under a folder (hidden ones too) and its content. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const file = path.join(entry.parentPath, entry.name);
        return [path.relative(dir, file), readFileSync(file, 'utf8')];
      }),
  );
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'seeds-write-'));
  renames.failAt = 0;
  renames.count = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('formatSeedFile', () => {
  it('writes every seed file byte for byte as it is, given the file it replaces', () => {
    for (const [key, collection] of all) {
      const text = readFileSync(path.join(planDir, collection.seedFile), 'utf8');
      expect(formatSeedFile(collection, seeds[key], text), collection.seedFile).toBe(text);
    }
  });

  it('keeps the header and the quoting of the lines it does not change', () => {
    const collection = collections.mission;
    const text = readFileSync(path.join(planDir, collection.seedFile), 'utf8');
    const changed = seeds.mission.map((m, i) => (i === 1 ? { ...m, title: { ...(m.title as object), en: 'New' } } : m));
    const before = text.split('\n');
    const after = formatSeedFile(collection, changed, text).split('\n');
    expect(after.filter((line, i) => line !== before[i])).toEqual(['    en: New']);
  });

  it('orders entries by column, order and slug, and keys as the model does, whatever it is given', () => {
    const shuffled = seeds.initiative.toReversed().map((entry) => Object.fromEntries(Object.entries(entry).reverse()));
    const text = readFileSync(path.join(planDir, 'initiatives.yaml'), 'utf8');
    expect(formatSeedFile(collections.initiative, shuffled, text)).toBe(text);
  });
});

describe('writeEditions', () => {
  it('writes seeds that load back as the same content into a new folder', () => {
    const target = path.join(dir, 'new', 'seeds');
    const files = writeSeeds(seeds, target);
    expect(files).toHaveLength(all.length);
    expect(files[0]!.file).toBe(`2021/${all[0]![1].seedFile}`);
    expect(loadWritten(target)).toEqual(seeds);
    expect(readdirSync(target)).toEqual(['2021']);
  });

  it('writes every edition into its own folder, and removes an edition it no longer holds', () => {
    const next = { ...seeds, mission: seeds.mission.map((m) => ({ ...m, order: (m.order as number) + 10 })) };
    writeEditions(
      [
        { edition: 2021, seeds },
        { edition: 2022, seeds: next },
      ],
      dir,
    );
    expect(loadEditions(dir)).toEqual([
      { edition: 2021, seeds },
      { edition: 2022, seeds: next },
    ]);
    const files = writeEditions([{ edition: 2022, seeds: next }], dir);
    expect(
      files
        .filter((f) => f.removed)
        .map((f) => f.file)
        .sort(),
    ).toEqual(all.map(([, c]) => `2021/${c.seedFile}`).sort());
    expect(files.filter((f) => f.changed && !f.removed)).toEqual([]);
    expect(readdirSync(dir)).toEqual(['2022']);
  });

  it("moves seeds written before editions (at the folder's root) into their edition", () => {
    for (const [, collection] of all)
      writeFileSync(path.join(dir, collection.seedFile), readFileSync(path.join(planDir, collection.seedFile)));
    const files = writeSeeds(seeds, dir);
    expect(files.filter((f) => f.removed)).toHaveLength(all.length);
    expect(readdirSync(dir)).toEqual(['2021']);
    expect(loadEditions(dir)).toEqual([{ edition: 2021, seeds }]);
  });

  it('puts a removed edition back when a later move fails', () => {
    writeEditions(
      [
        { edition: 2021, seeds },
        { edition: 2022, seeds },
      ],
      dir,
    );
    const before = snapshot(dir);
    const changed = { ...seeds, mission: seeds.mission.map((m) => ({ ...m, order: (m.order as number) + 10 })) };
    renames.count = 0;
    renames.failAt = all.length + 2; // 2021's files are moved aside; the changed file of 2022 fails
    expect(() => writeEditions([{ edition: 2022, seeds: changed }], dir)).toThrow(/not written .*is as it was/su);
    expect(snapshot(dir)).toEqual(before);
  });

  it('round-trips every entry of the plan through its versions', () => {
    for (const [key, collection] of all) {
      for (const entry of seeds[key]) {
        expect(entryFromVersions(collection, entryVersions(collection, entry))).toEqual(entry);
      }
    }
  });

  it('writes drafts and partly translated entries, and loads them back', () => {
    const initiatives = [
      ...seeds.initiative.map((entry, i) =>
        i === 0 ? { ...entry, draft: { text: { ja: '未公開の修正' }, note: null, isNew: true } } : entry,
      ),
      { slug: 'draft-only', column: 'focus', text: { ja: '下書き' }, status: { ja: 'draft', en: 'missing' } },
    ];
    const branches = seeds.branch.map((entry) =>
      entry.slug === 'koto' ? { ...entry, status: { en: 'draft' }, draft: { order: 30 } } : entry,
    );
    const changed = { ...seeds, initiative: initiatives, branch: branches };
    writeSeeds(changed, dir);
    const loaded = loadWritten(dir);
    expect(loaded.initiative.find((i) => i.slug === 'draft-only')).toEqual(initiatives.at(-1));
    expect(loaded.initiative[0]).toEqual(initiatives[0]);
    expect(loaded.branch.find((b) => b.slug === 'koto')).toMatchObject({
      status: { en: 'draft' },
      draft: { order: 30 },
    });
    const text = readFileSync(path.join(dir, '2021', 'initiatives.yaml'), 'utf8');
    expect(text).toContain('  draft:\n    isNew: true\n    text:\n      ja: 未公開の修正\n    note: null\n');
    // Without an order, after the focus column's last entry.
    expect(text).toMatch(
      /- slug: draft-only\n {2}column: focus\n {2}text:\n {4}ja: 下書き\n {2}status:\n {4}ja: draft\n {4}en: missing\n- slug: covid-information\n/u,
    );
  });

  it('leaves the folder as it was when the content is not valid seeds, and says why', () => {
    writeSeeds(seeds, dir);
    const before = snapshot(dir);
    const broken = { ...seeds, branch: seeds.branch.map((b, i) => (i === 7 ? { ...b, name: { ja: '江東' } } : b)) };
    expect(() => writeSeeds(broken, dir)).toThrow(
      /not written .*is as it was.*seeds\/2021\/branches\.yaml: entry 8 \(slug "koto"\), field "name\.en": is missing/su,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it('puts every file back when a move fails half-way', () => {
    writeSeeds(seeds, dir);
    const before = snapshot(dir);
    const changed = Object.fromEntries(
      all.map(([key, collection]) => [
        key,
        collection.kind === 'single' || key === 'financeYear'
          ? seeds[key]
          : seeds[key].map((entry) => ({ ...entry, order: (entry.order as number) + 100 })),
      ]),
    ) as SeedsToWrite;
    renames.count = 0;
    renames.failAt = 7; // the backup and the move of three files went through; the fourth file's backup fails
    expect(() => writeSeeds(changed, dir)).toThrow(/not written .*is as it was.*no space left on device/su);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a target that is not a folder, creating nothing', () => {
    const file = path.join(dir, 'seeds.yaml');
    writeFileSync(file, 'x');
    expect(() => writeSeeds(seeds, file)).toThrow(SeedWriteError);
    expect(() => writeSeeds(seeds, path.join(file, 'sub'))).toThrow(/cannot be written.*nothing was written/su);
    expect(readFileSync(file, 'utf8')).toBe('x');
    expect(existsSync(path.join(dir, 'seeds.yaml', 'sub'))).toBe(false);
  });

  it('keeps the permissions of the files it replaces', () => {
    writeSeeds(seeds, dir);
    const file = path.join(dir, '2021', 'missions.yaml');
    chmodSync(file, 0o640);
    const changed = { ...seeds, mission: seeds.mission.map((m) => ({ ...m, order: (m.order as number) + 10 })) };
    expect(writeSeeds(changed, dir).find((f) => f.file === '2021/missions.yaml')?.changed).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it('leaves files whose content is unchanged alone', () => {
    writeSeeds(seeds, dir);
    const file = path.join(dir, '2021', 'missions.yaml');
    writeFileSync(file, `# A comment an editor added.\n${readFileSync(file, 'utf8').replace(/^#.*\n/u, '')}`);
    const files = writeSeeds(seeds, dir);
    expect(files.filter((f) => f.changed)).toEqual([]);
    expect(readFileSync(file, 'utf8')).toMatch(/^# A comment an editor added\.\n/u);
  });
});
