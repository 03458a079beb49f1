export default {
  config: {
    // The admin interface in Japanese as well as English; each editor picks one in their profile.
    locales: ['ja'],
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap() {},
};
