import type { Core } from '@strapi/strapi';
import { assertProductionSecrets, corsOrigins } from '../src/plan/server-config';

export default ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => {
  assertProductionSecrets(process.env);
  return [
    'strapi::logger',
    'strapi::errors',
    'strapi::security',
    // Browsers may call the CMS with credentials from the listed origins only (by default its own).
    { name: 'strapi::cors', config: { origin: corsOrigins({ ...process.env, PORT: String(env.int('PORT', 1337)) }) } },
    'strapi::poweredBy',
    'strapi::query',
    'strapi::body',
    'strapi::session',
    'strapi::favicon',
    'strapi::public',
  ];
};
