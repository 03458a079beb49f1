export default ({ env }) => ({
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      // The sandbox is for local development only.
      landingPage: env('NODE_ENV') !== 'production',
      // The deepest query the site needs is a collection → its relation → that entry's fields.
      depthLimit: 6,
      // Every collection of the plan fits in one page of 100 (the largest has 31 entries).
      defaultLimit: 100,
      maxLimit: 100,
      apolloServer: {
        introspection: env('NODE_ENV') !== 'production',
      },
    },
  },
});
