import type { Core } from '@strapi/strapi';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, type ValidationContext } from 'graphql';

/** Reports a broken limit as a validation error (HTTP 400, the message naming the limit) instead of throwing. */
const report = {
  propagateOnRejection: false,
  exposeLimits: true,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /u, ''))),
  ],
};

/**
 * Limits on one GraphQL query, checked before it runs. The site's largest query (a collection's page
 * with its item lists and links) has one alias, depth 4 and a cost of at most 40 (graphql-armor's measure); the limits leave room
 * for that and refuse what only an attack needs (hundreds of aliases, huge selections). An operator
 * can change them with GRAPHQL_MAX_ALIASES, GRAPHQL_MAX_DEPTH and GRAPHQL_MAX_COST.
 */
export default ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => {
  const graphqlLimits = {
    aliases: env.int('GRAPHQL_MAX_ALIASES', 10),
    depth: env.int('GRAPHQL_MAX_DEPTH', 6),
    cost: env.int('GRAPHQL_MAX_COST', 250),
  };
  return {
    graphql: {
      config: {
        endpoint: '/graphql',
        shadowCRUD: true,
        // The sandbox is for local development only.
        landingPage: env('NODE_ENV') !== 'production',
        // Strapi's own depth rule; the one below replaces it with the same limit (see validationRules).
        depthLimit: graphqlLimits.depth,
        // Every collection of the plan fits in one page of 100 (the largest has 31 entries).
        defaultLimit: 100,
        maxLimit: 100,
        apolloServer: {
          introspection: env('NODE_ENV') !== 'production',
          // The endpoint's own CORS answers every origin with "*": the CMS's allow-list (strapi::cors in
          // middlewares.ts) decides for /graphql as for every other route.
          cors: false,
          // Strapi merges this list into its own index by index, so the first rule takes the place of
          // its depth limit; graphql-armor's rules are well kept and say which limit a query broke.
          validationRules: [
            maxDepthRule({ n: graphqlLimits.depth, ...report }),
            maxAliasesRule({ n: graphqlLimits.aliases, ...report }),
            costLimitRule({ maxCost: graphqlLimits.cost, ...report }),
          ],
        },
      },
    },
  };
};
