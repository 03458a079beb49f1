// Makes sure Strapi's secrets are set before it runs (prepareCmsEnv in process.mts): in production they
// must come from the environment; for local runs, any that are missing are generated once into
// cms/.env (never committed). Usage: tsx scripts/env.mts
import { CmsEnvError, prepareCmsEnv } from './process.mts';

try {
  prepareCmsEnv();
} catch (error) {
  if (!(error instanceof CmsEnvError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
