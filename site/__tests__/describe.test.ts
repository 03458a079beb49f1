import { describe, expect, it } from 'vitest';
import { describePage } from '../src/lib/describe.ts';

describe('a page’s description', () => {
  it('runs the page’s texts together after its lead', () => {
    expect(describePage('en', ['Initiatives for fiscal 2021', 'Management support', 'Member services'])).toBe(
      'Initiatives for fiscal 2021: Management support; Member services',
    );
    expect(describePage('ja', ['支部の重点取り組み', '千代田', '中央'])).toBe('支部の重点取り組み：千代田、中央');
    expect(describePage('en', ['  A  lead\n'])).toBe('A lead');
  });

  it('runs sentences on as sentences, without a colon or a semicolon after their full stop', () => {
    expect(
      describePage('en', [
        'The main changes to the plan, newest first.',
        'The events now include visits.',
        'A seminar was added',
      ]),
    ).toBe('The main changes to the plan, newest first. The events now include visits. A seminar was added');
    expect(describePage('ja', ['計画の主な変更です。', '記載を更新しました。', 'セミナーを追加'])).toBe(
      '計画の主な変更です。記載を更新しました。セミナーを追加',
    );
    expect(describePage('en', ['Updates', 'The events now include visits.', 'A seminar was added.'])).toBe(
      'Updates: The events now include visits. A seminar was added.',
    );
  });

  it('stops at 120 characters of Japanese and 160 of English, English at a word’s end', () => {
    const ja = describePage('ja', ['見出し', ...Array.from({ length: 40 }, (_, i) => `項目${i}`)]);
    expect([...ja].length).toBeLessThanOrEqual(120);
    expect([...ja].length).toBeGreaterThan(110);
    expect(ja.endsWith('…')).toBe(true);
    const en = describePage('en', ['Lead', ...Array.from({ length: 40 }, (_, i) => `item number ${i}`)]);
    expect(en.length).toBeLessThanOrEqual(160);
    expect(en).toMatch(/ \d+…$/u);
  });
});
