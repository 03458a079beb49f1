import type graphqlServer from '@strapi/plugin-graphql/strapi-server';
import type { Core, Data, Modules, Struct } from '@strapi/strapi';

/**
 * Typed access to the Strapi services the plan's code calls.
 *
 * Strapi types every service `Core.Service`, an object whose members are all `any` (and the
 * container's `strapi.get` returns `any`). Each accessor here declares the members this code uses,
 * once, as Strapi defines them — with @strapi/types' own types where they exist, otherwise as
 * @strapi/admin, @strapi/i18n and @strapi/content-manager declare them (packages the CMS reaches
 * only through @strapi/strapi, and whose declarations are `any` for several of these members) —
 * and checks that the service has them, so that a Strapi upgrade that renames one fails at start
 * with the service and the member named, rather than in the middle of a request.
 */

type MemberKind = 'function' | 'object';

/** The members of `members` that `service` lacks (or has as something else). */
const lacking = <T>(service: unknown, members: Record<keyof T, MemberKind>): string[] =>
  Object.entries<MemberKind>(members)
    .filter(
      ([name, kind]) => typeof service !== 'object' || service === null || typeof Reflect.get(service, name) !== kind,
    )
    .map(([name, kind]) => `${name} (${kind})`);

function hasMembers<T>(service: unknown, members: Record<keyof T, MemberKind>): service is T {
  return lacking(service, members).length === 0;
}

function checked<T>(service: unknown, what: string, members: Record<keyof T, MemberKind>): T {
  if (hasMembers<T>(service, members)) return service;
  throw new Error(`Strapi's ${what} lacks what the CMS calls: ${lacking(service, members).join(', ')}.`);
}

/* The admin's services (@strapi/admin). */

/** A content-API token as Strapi's token service returns it: the key in clear only when just made. */
export interface ApiToken {
  id: Data.ID;
  description?: string;
  accessKey?: string;
}

/** Strapi's service of content-API tokens (`admin::api-token-content-api`). */
export interface ApiTokenService {
  getByName(name: string): Promise<ApiToken | null>;
  create(attributes: {
    name: string;
    description: string;
    type: 'read-only' | 'full-access' | 'custom';
    lifespan: number | null;
  }): Promise<ApiToken>;
  regenerate(id: Data.ID): Promise<ApiToken>;
  revoke(id: Data.ID): Promise<ApiToken>;
  /** The hash of a key, as the database keeps it. */
  hash(accessKey: string): string;
}

export const apiTokenService = (strapi: Core.Strapi): ApiTokenService =>
  checked<ApiTokenService>(strapi.service('admin::api-token-content-api'), 'API token service', {
    getByName: 'function',
    create: 'function',
    regenerate: 'function',
    revoke: 'function',
    hash: 'function',
  });

/** Strapi's service of admin users (`admin::user`). */
export interface AdminUserService {
  exists(): Promise<boolean>;
  create(attributes: {
    email: string;
    firstname: string;
    lastname: string;
    password: string;
    isActive: boolean;
    roles: Data.ID[];
  }): Promise<unknown>;
}

export const adminUserService = (strapi: Core.Strapi): AdminUserService =>
  checked<AdminUserService>(strapi.service('admin::user'), 'admin user service', {
    exists: 'function',
    create: 'function',
  });

export interface AdminRole {
  id: Data.ID;
}

/** Strapi's service of admin roles (`admin::role`). */
export interface AdminRoleService {
  getSuperAdmin(): Promise<AdminRole | undefined>;
  /** Null when no role matches (@strapi/admin declares the role alone). */
  findOne(params: { code: string }): Promise<AdminRole | null>;
  create(attributes: { name: string; code: string; description: string }): Promise<AdminRole>;
  assignPermissions(roleId: Data.ID, permissions: Modules.Permissions.PermissionRule[]): Promise<unknown>;
}

export const adminRoleService = (strapi: Core.Strapi): AdminRoleService =>
  checked<AdminRoleService>(strapi.service('admin::role'), 'admin role service', {
    getSuperAdmin: 'function',
    findOne: 'function',
    create: 'function',
    assignPermissions: 'function',
  });

/** An action an admin permission may grant, e.g. `plugin::content-manager.explorer.read`. */
export interface AdminAction {
  actionId: string;
}

/** Strapi's service of admin permissions (`admin::permission`): the registered actions. */
export interface AdminPermissionService {
  actionProvider: { values(): AdminAction[] };
}

export const adminPermissionService = (strapi: Core.Strapi): AdminPermissionService =>
  checked<AdminPermissionService>(strapi.service('admin::permission'), 'admin permission service', {
    actionProvider: 'object',
  });

/** Strapi's admin service that lays permissions out per content type and field (`admin::content-type`). */
export interface AdminContentTypeService {
  getPermissionsWithNestedFields(
    actions: AdminAction[],
    options: { restrictedSubjects: string[] },
  ): Modules.Permissions.PermissionRule[];
}

export const adminContentTypeService = (strapi: Core.Strapi): AdminContentTypeService =>
  checked<AdminContentTypeService>(strapi.service('admin::content-type'), 'admin content-type service', {
    getPermissionsWithNestedFields: 'function',
  });

/* The plugins' services. */

/** How the content manager shows a content type: its settings, each field's labels, its layouts. */
export interface ContentManagerConfiguration {
  settings: Record<string, unknown>;
  metadatas: Record<string, { edit?: Record<string, unknown>; list?: Record<string, unknown> }>;
  layouts: Record<string, unknown>;
}

/** The content manager's service of content types (`plugin::content-manager.content-types`). */
export interface ContentManagerContentTypes {
  findContentType(uid: string): Struct.ContentTypeSchema | undefined;
  findConfiguration(contentType: Struct.ContentTypeSchema): Promise<ContentManagerConfiguration>;
  updateConfiguration(
    contentType: Struct.ContentTypeSchema,
    configuration: ContentManagerConfiguration,
  ): Promise<unknown>;
}

export const contentManagerContentTypes = (strapi: Core.Strapi): ContentManagerContentTypes =>
  checked<ContentManagerContentTypes>(
    strapi.plugin('content-manager').service('content-types'),
    "content manager's content-type service",
    { findContentType: 'function', findConfiguration: 'function', updateConfiguration: 'function' },
  );

/** i18n's service of locales (`plugin::i18n.locales`). */
export interface LocaleService {
  /** The locale, or null when there is none with that code. */
  findByCode(code: string): Promise<unknown>;
  create(locale: { code: string; name: string }): Promise<unknown>;
  /** The default locale's code. */
  getDefaultLocale(): Promise<unknown>;
  setDefaultLocale(locale: { code: string }): Promise<void>;
}

export const localeService = (strapi: Core.Strapi): LocaleService =>
  checked<LocaleService>(strapi.plugin('i18n').service('locales'), "i18n's locale service", {
    findByCode: 'function',
    create: 'function',
    getDefaultLocale: 'function',
    setDefaultLocale: 'function',
  });

/** The GraphQL plugin's extension service, as the plugin (a dependency of the CMS) declares it. */
export type GraphqlExtension = ReturnType<(typeof graphqlServer)['services']['extension']>;

export const graphqlExtension = (strapi: Core.Strapi): Pick<GraphqlExtension, 'shadowCRUD'> =>
  checked<Pick<GraphqlExtension, 'shadowCRUD'>>(
    strapi.plugin('graphql').service('extension'),
    'GraphQL extension service',
    { shadowCRUD: 'function' },
  );

/* Webhooks (@strapi/types declares them). */

export type Webhook = Modules.WebhookStore.Webhook;

/**
 * Strapi's webhook store. @strapi/types' WebhookStore wants an id in the data of a new or changed
 * webhook; the store makes the id itself and takes it as an argument, so the data here has none.
 */
export interface WebhookStore {
  findWebhooks(): Promise<Webhook[]>;
  createWebhook(data: Omit<Webhook, 'id'>): Promise<Webhook>;
  updateWebhook(id: string, data: Omit<Webhook, 'id'>): Promise<Webhook | null>;
}

export const webhookStore = (strapi: Core.Strapi): WebhookStore =>
  checked<WebhookStore>(strapi.get('webhookStore'), 'webhook store', {
    findWebhooks: 'function',
    createWebhook: 'function',
    updateWebhook: 'function',
  });

export type WebhookRunner = Pick<Modules.WebhookRunner.WebhookRunner, 'add' | 'update'>;

export const webhookRunner = (strapi: Core.Strapi): WebhookRunner =>
  checked<WebhookRunner>(strapi.get('webhookRunner'), 'webhook runner', { add: 'function', update: 'function' });
