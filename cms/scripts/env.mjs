// Makes sure Strapi's secrets are set before it runs. In production they must come from the
// environment; for local runs, any that are missing are generated once into cms/.env (never committed).
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// CMS_ENV_FILE names another file (tests).
const envFile = process.env.CMS_ENV_FILE
  ? path.resolve(process.env.CMS_ENV_FILE)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '.env');
const secret = () => randomBytes(24).toString('base64');
const secrets = {
  APP_KEYS: () => [secret(), secret(), secret(), secret()].join(','),
  API_TOKEN_SALT: secret,
  ADMIN_JWT_SECRET: secret,
  TRANSFER_TOKEN_SALT: secret,
  ENCRYPTION_KEY: secret,
};

const inFile = new Set(
  existsSync(envFile)
    ? readFileSync(envFile, 'utf8')
        .split('\n')
        .map((line) => line.match(/^\s*([A-Z0-9_]+)\s*=\s*\S/)?.[1])
        .filter(Boolean)
    : [],
);
const missing = Object.keys(secrets).filter((name) => !process.env[name] && !inFile.has(name));

if (missing.length > 0) {
  if (process.env.NODE_ENV === 'production') {
    console.error(
      `The CMS cannot start: set ${missing.join(', ')} in the environment (production does not generate secrets).`,
    );
    process.exit(1);
  }
  const lines = missing.map((name) => `${name}=${secrets[name]()}`);
  appendFileSync(
    envFile,
    `${inFile.size === 0 ? '# Generated for local runs; never commit.\n' : ''}${lines.join('\n')}\n`,
    { mode: 0o600 },
  );
  console.log(`Generated ${missing.join(', ')} into cms/.env`);
}

// The file holds the CMS's secrets: the owner alone may read it.
if (existsSync(envFile)) chmodSync(envFile, 0o600);
