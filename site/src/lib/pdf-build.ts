// Whether this build renders the whole plan as PDF (SITE_PDF=1: the publish workflow and CI do; it
// needs Chromium and the Japanese fonts): the pages link to the PDF files only when they are there.
export function withPdf(env: Record<string, string | undefined> = process.env): boolean {
  return env.SITE_PDF === '1';
}
