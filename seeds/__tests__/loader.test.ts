import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadSeeds, seedDir, SeedValidationError } from '../src/index.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'seeds-'));
  cpSync(seedDir, dir, { recursive: true, filter: (from) => !from.includes('node_modules') });
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Rewrites one seed file in the copy through `change`. */
function edit(file: string, change: (data: any) => void): void {
  const target = path.join(dir, file);
  const data = parse(readFileSync(target, 'utf8'));
  change(data);
  writeFileSync(target, stringify(data));
}

function problemsOf(): string[] {
  try {
    loadSeeds(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(SeedValidationError);
    return (error as SeedValidationError).message.split('\n').slice(1);
  }
  throw new Error('loadSeeds accepted invalid seeds');
}

describe('loadSeeds', () => {
  it('accepts an unchanged copy of the seeds', () => {
    expect(loadSeeds(dir).branch).toHaveLength(23);
  });

  it('names the file, entry and field of a missing translation', () => {
    edit('branches.yaml', (branches) => {
      delete branches[7].name.en;
    });
    expect(problemsOf()).toEqual(['seeds/branches.yaml: entry 8 (slug "koto"), field "name.en": is missing']);
  });

  it('names an empty text inside a list', () => {
    edit('committees.yaml', (committees) => {
      committees[0].focusItems[1].ja = '  ';
    });
    expect(problemsOf()).toEqual([
      'seeds/committees.yaml: entry 1 (slug "general-policy"), field "focusItems[1].ja": must not be empty',
    ]);
  });

  it('refuses a value of the wrong kind in a shared field', () => {
    edit('initiatives.yaml', (initiatives) => {
      initiatives[2].isNew = 'yes';
      initiatives[3].column = 'sidebar';
    });
    const problems = problemsOf();
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^seeds\/initiatives\.yaml: entry 3 \(slug "[a-z0-9-]+"\), field "isNew": /u);
    expect(problems[1]).toMatch(/^seeds\/initiatives\.yaml: entry 4 \(slug "[a-z0-9-]+"\), field "column": .*"focus"/u);
  });

  it('refuses a field the model does not have', () => {
    edit('missions.yaml', (missions) => {
      missions[0].subtitle = { ja: 'x', en: 'x' };
    });
    expect(problemsOf()).toEqual([
      'seeds/missions.yaml: entry 1 (slug "member-prosperity"), field "subtitle": is not a field of this collection',
    ]);
  });

  it('refuses a locale the project does not have', () => {
    edit('vision.yaml', (vision) => {
      vision.heading.fr = 'Vision';
    });
    expect(problemsOf()).toEqual(['seeds/vision.yaml: entry, field "heading.fr": is not a field of this collection']);
  });

  it('refuses a relation to an entry that does not exist', () => {
    edit('challenges.yaml', (challenges) => {
      challenges[0].area = 'nowhere';
    });
    expect(problemsOf()).toEqual([
      'seeds/challenges.yaml: entry 1 (slug "diverse-talent"), field "area": links "nowhere", which is not a slug in seeds/vision-areas.yaml',
    ]);
  });

  it('refuses a branch placed in two clusters', () => {
    edit('branch-clusters.yaml', (clusters) => {
      clusters[1].branches.push(clusters[0].branches[0]);
    });
    expect(problemsOf()).toEqual([
      expect.stringMatching(
        /^seeds\/branch-clusters\.yaml: entry 2 \(slug "west"\), field "branches": links "taito", which entry 1 links already$/u,
      ),
    ]);
  });

  it('refuses a repeated slug and a repeated order', () => {
    edit('missions.yaml', (missions) => {
      missions[2].slug = missions[0].slug;
      missions[1].order = 1;
    });
    expect(problemsOf()).toEqual([
      'seeds/missions.yaml: entry 2 (slug "tokyo-development"), field "order": repeats the order of entry 1',
      'seeds/missions.yaml: entry 3 (slug "member-prosperity"), field "slug": repeats the slug of entry 1',
    ]);
  });

  it('reports a file that is not valid YAML with its line', () => {
    writeFileSync(path.join(dir, 'divisions.yaml'), '- slug: commerce\n  name: {ja: 商業\n');
    const problems = problemsOf();
    expect(problems[0]).toMatch(/^seeds\/divisions\.yaml: not valid YAML: .*at line 3, column 1:$/u);
  });

  it('reports a missing file', () => {
    rmSync(path.join(dir, 'associations.yaml'));
    expect(problemsOf()).toEqual(['seeds/associations.yaml: the file is missing']);
  });

  it('refuses a list where a single entry belongs, and a single entry where a list belongs', () => {
    writeFileSync(path.join(dir, 'vision.yaml'), '- heading: {ja: a, en: b}\n');
    writeFileSync(path.join(dir, 'missions.yaml'), 'slug: x\n');
    expect(problemsOf()).toEqual([
      'seeds/missions.yaml: must hold a list of entries',
      'seeds/vision.yaml: must hold one entry (a mapping of fields)',
    ]);
  });
});
