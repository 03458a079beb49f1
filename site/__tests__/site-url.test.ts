import { describe, expect, it } from 'vitest';
import { siteUrl, SiteUrlError } from '../src/lib/site-url.ts';

describe("the site's public address", () => {
  it('is SITE_URL, when it is an http(s) address', () => {
    expect(siteUrl({ SITE_URL: 'https://plan.example.org' })).toEqual({
      url: 'https://plan.example.org/',
      loopback: false,
    });
    expect(siteUrl({ SITE_URL: ' http://example.org/plan ', SITE_HOSTED: 'true' })).toEqual({
      url: 'http://example.org/plan',
      loopback: false,
    });
  });

  it('is the loopback address for a local build without SITE_URL', () => {
    expect(siteUrl({})).toEqual({ url: 'http://127.0.0.1:4321/', loopback: true });
    expect(siteUrl({ SITE_URL: '', SITE_HOSTED: '0' })).toEqual({ url: 'http://127.0.0.1:4321/', loopback: true });
  });

  it('is required for a hosted build, and must be a web address', () => {
    for (const hosted of ['true', '1'])
      expect(() => siteUrl({ SITE_HOSTED: hosted })).toThrow(/^SITE_URL is not set: a hosted build needs/u);
    expect(() => siteUrl({ SITE_URL: 'plan.example.org' })).toThrow(SiteUrlError);
    expect(() => siteUrl({ SITE_URL: 'ftp://example.org' })).toThrow(/must be an http\(s\) address/u);
    expect(() => siteUrl({ SITE_URL: 'https://example.org/?a=1' })).toThrow(/without query, fragment or user/u);
  });
});
