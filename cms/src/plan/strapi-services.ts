import type { Core, Data } from '@strapi/strapi';

/**
 * Typed access to the Strapi services the plan's code calls.
 *
 * Strapi types every service `Core.Service`, an object whose members are all `any`. Each accessor
 * here declares the members this code uses, once, as Strapi defines them (in @strapi/admin, a
 * package the CMS reaches only through @strapi/strapi), and checks that the service has them, so a
 * Strapi upgrade that renames one fails at start with the service and the member named rather than
 * somewhere in the middle of a request.
 */

type MemberKind = 'function' | 'object';

/** The members of `members` that `service` lacks (or has as something else). */
const lacking = <T>(service: Core.Service, members: Record<keyof T, MemberKind>): string[] =>
  Object.entries<MemberKind>(members)
    .filter(([name, kind]) => typeof service[name] !== kind)
    .map(([name, kind]) => `${name} (${kind})`);

function hasMembers<T>(service: Core.Service, members: Record<keyof T, MemberKind>): service is Core.Service & T {
  return lacking(service, members).length === 0;
}

function checked<T>(service: Core.Service, what: string, members: Record<keyof T, MemberKind>): T {
  if (hasMembers<T>(service, members)) return service;
  throw new Error(`Strapi's ${what} lacks what the CMS calls: ${lacking(service, members).join(', ')}.`);
}

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
