/**
 * "Is it live?": what the rebuild service's /status says of the site's builds, and what the CMS's
 * admin API (`GET /plan/site-status`) hands the admin from it. Browser-safe (the admin imports it).
 */

/** Why a build of the site failed, as an editor is told it (the build's own sentence says more). */
export const buildFailureKinds = [
  'cms-unreachable',
  'token-refused',
  'invalid-content',
  'stopped',
  'build-error',
] as const;
export type BuildFailureKind = (typeof buildFailureKinds)[number];

/**
 * The kind of a failed build, from the sentence the build ended with (the site's PlanSourceError
 * messages, the rebuild service's own).
 *
 * @example
 * buildFailureKind('The CMS at http://127.0.0.1:1337 cannot be reached (ECONNREFUSED).'); // 'cms-unreachable'
 */
export function buildFailureKind(message: string): BuildFailureKind {
  if (/cannot be reached/u.test(message)) return 'cms-unreachable';
  if (/refused the API token/u.test(message)) return 'token-refused';
  if (/sent invalid data|answered without the|reported \d+ .* but served/u.test(message)) return 'invalid-content';
  if (/was stopped/u.test(message)) return 'stopped';
  return 'build-error';
}

/** Where an entry stands on the public site. */
export type EntryLiveState =
  /** Published, and a build that started after its publication has put it on the site. */
  | 'live'
  /** Not published in this language: the site does not show it. */
  | 'unpublished'
  /** Published, but its year's annual plan is not: the year is not public yet. */
  | 'edition-unpublished'
  /** Published; the build that puts it on the site is running or waiting. */
  | 'building'
  /** Published; the builds since have failed, so the site still shows what it showed before. */
  | 'failed'
  /** Published after the last build, and no build is running or waiting (the CMS's call has not come). */
  | 'waiting'
  /** Published; a build since has been handed to CI, which builds and deploys the site (its run says how it went). */
  | 'handed-to-ci';

/** What `GET /plan/site-status` answers (never a secret: the rebuild service redacts its messages). */
export interface SiteStatus {
  /** Whether the CMS knows where the rebuild service is (REBUILD_WEBHOOK_URL, SITE_STATUS_URL). */
  configured: boolean;
  /** Whether the rebuild service answered. */
  reachable: boolean;
  /** `ci`: the rebuild service hands builds to CI, whose run builds and deploys the site. */
  mode?: 'local' | 'ci';
  /** In CI mode, the page of the CI's latest run, whose outcome stands for the last build. */
  ciRun?: string;
  /** The public site's address. */
  siteUrl?: string;
  /** Since when a build has been running. */
  building?: string;
  /** Changes waiting for the next build. */
  queued: number;
  /** The last build: when it ended, how, and if it failed, why. */
  last?: { result: 'success' | 'failure'; finishedAt: string; failure?: BuildFailureKind; message?: string };
  /** When the build that made the site now online started and ended. */
  online?: { startedAt: string; finishedAt: string };
  /** The entry asked about (`?uid&documentId&locale`): where it stands, and its public page when live. */
  entry?: { state: EntryLiveState; url?: string };
}
