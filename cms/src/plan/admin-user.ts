import type { Core } from '@strapi/strapi';
import { adminRoleService, adminUserService } from './strapi-services';

/** Strapi's own rules for an admin password, checked before anything is written. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 8) return 'must be at least 8 characters long';
  if (Buffer.byteLength(password, 'utf8') > 72) return 'must be at most 72 bytes long';
  if (!/[a-z]/.test(password)) return 'must contain a lowercase letter';
  if (!/[A-Z]/.test(password)) return 'must contain an uppercase letter';
  if (!/\d/.test(password)) return 'must contain a number';
  return undefined;
}

/**
 * On a database with no admin user, creates the super admin named by ADMIN_EMAIL and ADMIN_PASSWORD.
 * Without them, nothing is created and the admin shows Strapi's own registration page.
 */
export async function ensureSuperAdmin(strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const email = env.ADMIN_EMAIL?.trim();
  const password = env.ADMIN_PASSWORD;
  if (!email && !password) return;
  if (!email || !password) {
    throw new Error('Set both ADMIN_EMAIL and ADMIN_PASSWORD to create the first admin, or neither.');
  }
  const users = adminUserService(strapi);
  if (await users.exists()) return;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error(`ADMIN_EMAIL is not an email address: "${email}".`);
  const problem = passwordProblem(password);
  if (problem) throw new Error(`ADMIN_PASSWORD ${problem}.`);
  const superAdmin = await adminRoleService(strapi).getSuperAdmin();
  if (!superAdmin) throw new Error('Strapi has no super admin role to give the first admin.');
  await users.create({
    email: email.toLowerCase(),
    firstname: env.ADMIN_FIRSTNAME?.trim() || 'Admin',
    lastname: env.ADMIN_LASTNAME?.trim() || '',
    password,
    isActive: true,
    roles: [superAdmin.id],
  });
  strapi.log.info(`[plan] created the super admin ${email.toLowerCase()}`);
}
