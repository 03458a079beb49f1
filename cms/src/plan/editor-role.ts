import type { Core } from '@strapi/strapi';
import { locales } from '@tcci/schemas';
import { planUids } from './content-types';
import { adminContentTypeService, adminPermissionService, adminRoleService } from './strapi-services';

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
  const roles = adminRoleService(strapi);
  let role = await roles.findOne({ code: 'strapi-editor' });
  if (!role) {
    role = await roles.create({
      name: 'Editor',
      code: 'strapi-editor',
      description: 'Creates, edits and publishes the plan content, in Japanese and English.',
    });
  }
  const actions = adminPermissionService(strapi)
    .actionProvider.values()
    .filter((action) => editorActions.includes(action.actionId));
  const otherSubjects = Object.keys(strapi.contentTypes).filter((uid) => !planUids.has(uid));
  const permissions = adminContentTypeService(strapi)
    .getPermissionsWithNestedFields(actions, { restrictedSubjects: otherSubjects })
    .map((permission) => ({
      ...permission,
      properties: { ...permission.properties, locales: [...locales] },
    }));
  await roles.assignPermissions(role.id, permissions);
}
