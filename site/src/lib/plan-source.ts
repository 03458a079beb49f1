// Where the site reads the plan, decided from the environment alone: a module without imports, so
// that astro.config.ts and scripts/build.ts can ask before anything is loaded or started.

/** Why the plan could not be read; its message is one sentence for the person running the build. */
export class PlanSourceError extends Error {
  override name = 'PlanSourceError';
}

export type PlanSource = 'cms' | 'seeds';

/** The Astro commands (as integrations see them): `astro check` runs `sync`. */
export type AstroCommand = 'dev' | 'build' | 'preview' | 'sync';

/**
 * Where the loader reads the plan: the CMS, or with PLAN_SOURCE=seeds the seed files, which lets
 * `astro check` and unit tests sync the content collections without a running CMS.
 */
export function planSource(env: Record<string, string | undefined> = process.env): PlanSource {
  const source = env.PLAN_SOURCE ?? 'cms';
  if (source !== 'cms' && source !== 'seeds') {
    throw new PlanSourceError(`PLAN_SOURCE is "${source}": it can be "cms" (the default) or "seeds".`);
  }
  return source;
}

/**
 * The plan's source for an Astro command. A build never reads the seeds: they hold what the seed
 * import would create, not what the CMS serves (its published content, its validation, its
 * editors' changes), so a site built from them could differ from the one the CMS publishes.
 */
export function planSourceFor(
  command: AstroCommand,
  env: Record<string, string | undefined> = process.env,
): PlanSource {
  const source = planSource(env);
  if (command === 'build' && source === 'seeds') {
    throw new PlanSourceError(
      'PLAN_SOURCE=seeds is for `astro check` and unit tests only: a build reads the plan from the CMS, so unset PLAN_SOURCE to build.',
    );
  }
  return source;
}
