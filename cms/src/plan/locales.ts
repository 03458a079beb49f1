import type { Core } from '@strapi/strapi';
import { defaultLocale, localeNames, locales } from '@tcci/schemas';
import { localeService } from './strapi-services';

/** Makes the project's locales exist in Strapi's i18n, with Japanese the default. */
export async function ensureLocales(strapi: Core.Strapi): Promise<void> {
  const service = localeService(strapi);
  for (const code of locales) {
    if (!(await service.findByCode(code))) {
      await service.create({ code, name: `${localeNames[code]} (${code})` });
      strapi.log.info(`[plan] added the locale "${code}"`);
    }
  }
  if ((await service.getDefaultLocale()) !== defaultLocale) {
    await service.setDefaultLocale({ code: defaultLocale });
    strapi.log.info(`[plan] made "${defaultLocale}" the default locale`);
  }
}
