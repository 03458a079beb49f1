import type { Core } from '@strapi/strapi';
import { chmodSync, existsSync } from 'node:fs';
import path from 'node:path';

/**
 * SQLite (better-sqlite3) by default, in a file under cms/.tmp/; PostgreSQL when DATABASE_URL is a
 * postgres:// URL or DATABASE_CLIENT=postgres.
 */
export default ({ env }: Core.Config.Shared.ConfigParams) => {
  // Whatever the CMS writes (an SQLite file and its journal, token files, uploads) is the owner's alone.
  process.umask(0o077);
  const url: string | undefined = env('DATABASE_URL');
  const client: string = env('DATABASE_CLIENT', url && /^postgres(ql)?:/.test(url) ? 'postgres' : 'sqlite');

  if (client === 'postgres') {
    return {
      connection: {
        client: 'postgres',
        connection: url
          ? {
              connectionString: url,
              ssl: env.bool('DATABASE_SSL', false)
                ? { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) }
                : false,
            }
          : {
              host: env('DATABASE_HOST', '127.0.0.1'),
              port: env.int('DATABASE_PORT', 5432),
              database: env('DATABASE_NAME', 'strapi'),
              user: env('DATABASE_USERNAME', 'postgres'),
              password: env('DATABASE_PASSWORD', ''),
              ssl: env.bool('DATABASE_SSL', false),
            },
        schema: env('DATABASE_SCHEMA', 'public'),
        pool: { min: env.int('DATABASE_POOL_MIN', 0), max: env.int('DATABASE_POOL_MAX', 10) },
      },
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
    };
  }

  if (client !== 'sqlite') {
    throw new Error(`DATABASE_CLIENT must be "sqlite" or "postgres", not "${client}".`);
  }

  // This file runs compiled from dist/config/, two levels below the app.
  const appDir = path.resolve(__dirname, '..', '..');
  const filename = path.resolve(appDir, env('DATABASE_FILENAME', '.tmp/data.db'));
  // The database holds the webhook's secret and the editors' drafts: the owner alone may read it.
  // (-wal and -shm are SQLite's write-ahead log and its index, see below.)
  for (const file of [filename, `${filename}-wal`, `${filename}-shm`, `${filename}-journal`]) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }
  return {
    connection: {
      client: 'sqlite',
      connection: { filename },
      useNullAsDefault: true,
      // Write-ahead logging, as Rails and Django's guides recommend for SQLite behind a web app: the
      // export and seed commands read while the CMS writes, and a commit syncs the log once instead of
      // the database and a journal (a first start's import and schema take a third less time).
      // synchronous=NORMAL is durable across crashes of the CMS; a power cut may lose the last commits.
      pool: {
        afterCreate(connection: SqliteConnection, done: (error: Error | null, connection: SqliteConnection) => void) {
          try {
            connection.pragma('journal_mode = WAL');
            connection.pragma('synchronous = NORMAL');
            done(null, connection);
          } catch (error) {
            done(error instanceof Error ? error : new Error(String(error)), connection);
          }
        },
      },
    },
  };
};

/** What of a better-sqlite3 connection the pool hook uses. */
interface SqliteConnection {
  pragma(source: string): unknown;
}
