// The locale config alone (not the package's index, which holds Node-only code) for the browser bundle.
import { locales } from '@tcci/schemas/locales';

export default {
  config: {
    // The admin interface in the plan's languages (Strapi's own English is always there); each
    // editor picks one in their profile.
    locales: [...locales],
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap() {},
};
