import { z } from 'zod';

const count = z.number().int().nonnegative();

/**
 * What the accessibility gates (site/__tests__/accessibility.test.ts) found in one test run. The run
 * writes it to src/data/accessibility-report.json when asked (UPDATE_ACCESSIBILITY_REPORT=1), the
 * accessibility statement prints it, and every run fails while its own figures differ from it.
 */
export const accessibilityReportSchema = z.strictObject({
  /** The day of the test run that produced the report (YYYY-MM-DD). */
  testedOn: z.iso.date(),
  /** The browser of that run, e.g. "Chromium 142.0.7444.59". */
  browser: z.string().min(1),
  /** Every page tested: the URL path of every HTML file of the built site. */
  pages: z.array(z.string().startsWith('/')).min(1),
  /** The viewport widths, in CSS pixels, every page was loaded at. */
  widths: z.array(z.number().int().positive()).min(1),
  axe: z.strictObject({
    version: z.string(),
    tags: z.array(z.string()).min(1),
    /** Pages × widths checked. */
    pageChecks: count,
    /** States of the initiatives page checked after using a filter. */
    filterChecks: count,
    violations: count,
  }),
  reflow: z.strictObject({ width: z.number().int().positive(), overflowing: count }),
  html: z.strictObject({ checker: z.string(), files: count, errors: count, warnings: count }),
  keyboard: z.strictObject({
    /** Pages × widths walked through with the Tab key. */
    walks: count,
    /** Interactive elements focused, summed over the walks. */
    stops: count,
    unreachable: count,
    focusNotVisible: count,
  }),
  language: z.strictObject({
    /** Pages in a language other than Japanese, checked for Japanese words. */
    pages: count,
    /** Runs of Japanese text on them not marked lang="ja". */
    unmarked: count,
  }),
});

export type AccessibilityReport = z.infer<typeof accessibilityReportSchema>;
