import type { Core } from '@strapi/strapi';
import { planTypes } from './content-types';
import { EditionError, startEdition } from './editions';
import { member } from './unknown';

/**
 * The admin's "Start next year's plan" action: `POST /plan/editions { from }` (admin API, signed-in
 * editors only) copies edition `from` into `from + 1` (see `startEdition`) and answers with the new
 * annual plan's document id, for the admin to open. An editor may do it if they may create every
 * kind of plan entry; a refusal (the year exists already …) is a 400 with the sentence to show.
 */
export function registerEditionRoute(strapi: Core.Strapi): void {
  strapi.server.routes({
    type: 'admin',
    prefix: '',
    routes: [
      {
        method: 'POST',
        path: '/plan/editions',
        info: { type: 'admin' },
        handler: async (ctx) => {
          const ability = member(ctx.state, 'userAbility');
          const can = member(ability, 'can');
          const allowed =
            typeof can === 'function' &&
            planTypes.every(({ uid }) =>
              Boolean(
                (can as (action: string, subject: string) => unknown).call(
                  ability,
                  'plugin::content-manager.explorer.create',
                  uid,
                ),
              ),
            );
          if (!allowed) {
            ctx.status = 403;
            ctx.body = {
              error: {
                status: 403,
                message: 'Starting an edition needs the right to create every kind of plan entry.',
              },
            };
            return;
          }
          const from = Number(member(member(ctx.request, 'body'), 'from'));
          try {
            const report = await startEdition(strapi, { from, to: from + 1 });
            ctx.body = { data: report };
          } catch (error) {
            if (!(error instanceof EditionError)) throw error;
            ctx.status = 400;
            ctx.body = { error: { status: 400, name: 'EditionError', message: error.message } };
          }
        },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  });
}
