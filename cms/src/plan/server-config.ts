/**
 * The parts of the CMS's configuration that are security decisions, checked where they are read so
 * that a production server with a weak setting refuses to start instead of running with it.
 */

/** The secrets Strapi needs; production never generates them. */
export const requiredSecrets = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'ENCRYPTION_KEY',
];

type Env = Record<string, string | undefined>;

const isProduction = (env: Env) => env.NODE_ENV === 'production';

/**
 * The origins that may call the CMS from a browser with credentials (CORS): `CORS_ORIGINS`
 * (comma-separated), by default the CMS's own origin only (`PUBLIC_URL`, else its local address).
 * The admin panel is served from that origin; the static site reads the CMS at build time, never
 * from the browser, so it needs no entry here.
 *
 * @example
 * corsOrigins({ CORS_ORIGINS: 'https://cms.example.org' }); // ['https://cms.example.org']
 */
export function corsOrigins(env: Env = process.env): string[] {
  const listed = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  const origins =
    listed.length > 0
      ? listed
      : env.PUBLIC_URL
        ? [env.PUBLIC_URL]
        : [`http://127.0.0.1:${env.PORT || 1337}`, `http://localhost:${env.PORT || 1337}`];
  return origins.map((origin) => {
    if (origin === '*') {
      if (isProduction(env))
        throw new Error('CORS_ORIGINS must not be "*" in production: list the origins that may call the CMS.');
      return origin;
    }
    try {
      return new URL(origin).origin;
    } catch {
      throw new Error(`CORS_ORIGINS holds "${origin}", which is not an origin such as https://cms.example.org.`);
    }
  });
}

/** Refuses to start a production CMS whose secrets are missing. */
export function assertProductionSecrets(env: Env = process.env): void {
  if (!isProduction(env)) return;
  const missing = requiredSecrets.filter((name) => !env[name]?.trim());
  if (missing.length > 0)
    throw new Error(`The CMS cannot start in production without ${missing.join(', ')}: set them in the environment.`);
}
