import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { editionDir, loadEditions, loadSeeds, SeedValidationError } from '../src/index.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'seeds-'));
  cpSync(editionDir(2021), path.join(dir, '2021'), { recursive: true });
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Rewrites one seed file of the copy of fiscal 2021 through `change`. */
function edit(file: string, change: (data: any) => void): void {
  const target = path.join(dir, '2021', file);
  const data = parse(readFileSync(target, 'utf8'));
  change(data);
  writeFileSync(target, stringify(data));
}

function problemsOf(): string[] {
  try {
    loadEditions(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(SeedValidationError);
    return (error as SeedValidationError).message.split('\n').slice(1);
  }
  throw new Error('loadEditions accepted invalid seeds');
}

describe('loadEditions', () => {
  it('accepts an unchanged copy of the seeds', () => {
    const editions = loadEditions(dir);
    expect(editions.map(({ edition }) => edition)).toEqual([2021]);
    expect(editions[0]!.seeds.branch).toHaveLength(23);
    expect(loadSeeds(path.join(dir, '2021'), 2021)).toEqual(editions[0]!.seeds);
  });

  it("reads every edition's folder, by year", () => {
    cpSync(path.join(dir, '2021'), path.join(dir, '2022'), { recursive: true });
    expect(loadEditions(dir).map(({ edition }) => edition)).toEqual([2021, 2022]);
  });

  it('names a problem with the edition whose folder holds it', () => {
    cpSync(path.join(dir, '2021'), path.join(dir, '2022'), { recursive: true });
    const file = path.join(dir, '2022', 'branches.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('slug: koto', 'slug: Koto'));
    expect(problemsOf()).toEqual([
      'seeds/2022/branches.yaml: entry 8 (slug "Koto"), field "slug": must be lowercase letters, digits and single hyphens',
      'seeds/2022/branch-clusters.yaml: entry 1 (slug "east"), field "branches": links "koto", which is not a slug in seeds/2022/branches.yaml',
    ]);
  });

  it('refuses seed files outside an edition, and a folder without any edition', () => {
    cpSync(path.join(dir, '2021', 'missions.yaml'), path.join(dir, 'missions.yaml'));
    expect(problemsOf()).toEqual([
      "seeds/missions.yaml: is outside an edition's folder: move it into the folder of its fiscal year (seeds/<year>/)",
    ]);
    const empty = mkdtempSync(path.join(tmpdir(), 'seeds-empty-'));
    try {
      expect(() => loadEditions(empty)).toThrow(
        /holds no edition: a folder per fiscal year \(e\.g\. 2021\/\) is expected/u,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('refuses a fiscal year the model does not take', () => {
    cpSync(path.join(dir, '2021'), path.join(dir, '1999'), { recursive: true });
    expect(problemsOf()).toEqual(['seeds/1999/: names fiscal year 1999, which must be at least 2000']);
  });

  it('names the file, entry and field of a missing translation', () => {
    edit('branches.yaml', (branches) => {
      delete branches[7].name.en;
    });
    expect(problemsOf()).toEqual(['seeds/2021/branches.yaml: entry 8 (slug "koto"), field "name.en": is missing']);
  });

  it('names an empty text inside a list', () => {
    edit('committees.yaml', (committees) => {
      committees[0].focusItems[1].ja = '  ';
    });
    expect(problemsOf()).toEqual([
      'seeds/2021/committees.yaml: entry 1 (slug "general-policy"), field "focusItems[1].ja": must not be empty',
    ]);
  });

  it('refuses a value of the wrong kind in a shared field', () => {
    edit('initiatives.yaml', (initiatives) => {
      initiatives[2].isNew = 'yes';
      initiatives[3].column = 'sidebar';
    });
    const problems = problemsOf();
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^seeds\/2021\/initiatives\.yaml: entry 3 \(slug "[a-z0-9-]+"\), field "isNew": /u);
    expect(problems[1]).toMatch(
      /^seeds\/2021\/initiatives\.yaml: entry 4 \(slug "[a-z0-9-]+"\), field "column": .*"focus"/u,
    );
  });

  it('refuses a field the model does not have', () => {
    edit('missions.yaml', (missions) => {
      missions[0].subtitle = { ja: 'x', en: 'x' };
    });
    expect(problemsOf()).toEqual([
      'seeds/2021/missions.yaml: entry 1 (slug "member-prosperity"), field "subtitle": is not a field of this collection',
    ]);
  });

  it('refuses a locale the project does not have', () => {
    edit('vision.yaml', (vision) => {
      vision.heading.fr = 'Vision';
    });
    expect(problemsOf()).toEqual([
      'seeds/2021/vision.yaml: entry, field "heading.fr": is not a field of this collection',
    ]);
  });

  it('refuses a relation to an entry that does not exist', () => {
    edit('challenges.yaml', (challenges) => {
      challenges[0].area = 'nowhere';
    });
    expect(problemsOf()).toEqual([
      'seeds/2021/challenges.yaml: entry 1 (slug "diverse-talent"), field "area": links "nowhere", which is not a slug in seeds/2021/vision-areas.yaml',
    ]);
  });

  it('refuses a branch placed in two clusters', () => {
    edit('branch-clusters.yaml', (clusters) => {
      clusters[1].branches.push(clusters[0].branches[0]);
    });
    expect(problemsOf()).toEqual([
      expect.stringMatching(
        /^seeds\/2021\/branch-clusters\.yaml: entry 2 \(slug "west"\), field "branches": links "taito", which entry 1 links already$/u,
      ),
    ]);
  });

  it('refuses a repeated slug and a repeated order', () => {
    edit('missions.yaml', (missions) => {
      missions[2].slug = missions[0].slug;
      missions[1].order = 1;
    });
    expect(problemsOf()).toEqual([
      'seeds/2021/missions.yaml: entry 2 (slug "tokyo-development"), field "order": repeats the order of entry 1',
      'seeds/2021/missions.yaml: entry 3 (slug "member-prosperity"), field "slug": repeats the slug of entry 1',
    ]);
  });

  it('reports a file that is not valid YAML with its line', () => {
    writeFileSync(path.join(dir, '2021', 'divisions.yaml'), '- slug: commerce\n  name: {ja: 商業\n');
    const problems = problemsOf();
    expect(problems[0]).toMatch(/^seeds\/2021\/divisions\.yaml: not valid YAML: .*at line 3, column 1:$/u);
  });

  it('reports a missing file', () => {
    rmSync(path.join(dir, '2021', 'associations.yaml'));
    expect(problemsOf()).toEqual(['seeds/2021/associations.yaml: the file is missing']);
  });

  it('refuses a list where a single entry belongs, and a single entry where a list belongs', () => {
    writeFileSync(path.join(dir, '2021', 'vision.yaml'), '- heading: {ja: a, en: b}\n');
    writeFileSync(path.join(dir, '2021', 'missions.yaml'), 'slug: x\n');
    expect(problemsOf()).toEqual([
      'seeds/2021/missions.yaml: must hold a list of entries',
      'seeds/2021/vision.yaml: must hold one entry (a mapping of fields)',
    ]);
  });
});
