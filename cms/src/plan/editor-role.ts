import type { Core } from '@strapi/strapi';
import { locales } from '@tcci/schemas';
import { planUids } from './content-types';

/** What an editor may do with plan content: everything but delete; nothing outside the plan. */
const editorActions = [
  'plugin::content-manager.explorer.create',
  'plugin::content-manager.explorer.read',
  'plugin::content-manager.explorer.update',
  'plugin::content-manager.explorer.publish',
];

/**
 * Makes Strapi's "Editor" role able to create, edit and publish every plan content type, in every
 * locale, and nothing else: no settings, no users, no tokens, no media library.
 */
export async function ensureEditorRole(strapi: Core.Strapi): Promise<void> {
  const roles = strapi.service('admin::role');
  let role = await roles.findOne({ code: 'strapi-editor' });
  if (!role) {
    role = await roles.create({
      name: 'Editor',
      code: 'strapi-editor',
      description: 'Creates, edits and publishes the plan content, in Japanese and English.',
    });
  }
  const actions = strapi
    .service('admin::permission')
    .actionProvider.values()
    .filter((action: { actionId: string }) => editorActions.includes(action.actionId));
  const otherSubjects = Object.keys(strapi.contentTypes).filter((uid) => !planUids.has(uid));
  const permissions = strapi
    .service('admin::content-type')
    .getPermissionsWithNestedFields(actions, { restrictedSubjects: otherSubjects })
    .map((permission: { properties?: Record<string, unknown> }) => ({
      ...permission,
      properties: { ...permission.properties, locales: [...locales] },
    }));
  await roles.assignPermissions(role.id, permissions);
}
