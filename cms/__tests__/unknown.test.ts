// The readers of values nothing declares: a publish's locales and the query layer's times, which
// decide whose change notes are dated and whose review marks are carried to the live site.
import { describe, expect, it } from 'vitest';
import { isoOr, localesOf } from '../src/plan/unknown';

describe('reading a Document Service call’s locales', () => {
  it('reads none as the default locale, "*" as every locale, and keeps only known locales of a list', () => {
    expect(localesOf(undefined)).toEqual(['ja']);
    expect(localesOf(null)).toEqual(['ja']);
    expect(localesOf('*')).toBeUndefined();
    expect(localesOf('en')).toEqual(['en']);
    expect(localesOf(['en', 'fr', 3, 'ja'])).toEqual(['en', 'ja']);
    expect(localesOf('fr')).toEqual([]);
  });
});

describe('reading a point in time', () => {
  it('gives a Date or a parseable string as ISO, and nothing for anything else', () => {
    expect(isoOr(new Date('2021-04-01T00:00:00.000Z'))).toBe('2021-04-01T00:00:00.000Z');
    expect(isoOr('2021-04-01T09:00:00+09:00')).toBe('2021-04-01T09:00:00+09:00');
    expect(isoOr('not a date')).toBeUndefined();
    expect(isoOr(1617235200000)).toBeUndefined();
    expect(isoOr(null)).toBeUndefined();
  });
});
