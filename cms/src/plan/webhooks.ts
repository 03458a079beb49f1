import type { Core } from '@strapi/strapi';
import { rebuildEvents } from '@tcci/schemas';
import { webhookRunner, webhookStore } from './strapi-services';

export const rebuildWebhookName = 'Rebuild the site';

/**
 * The rebuild webhook's address and secret from the environment, or undefined when REBUILD_WEBHOOK_URL
 * is not set; throws naming what is wrong. Checked in `register`, before Strapi touches the database,
 * so a misconfigured start fails within seconds.
 */
export function rebuildWebhookSettings(
  env: NodeJS.ProcessEnv = process.env,
): { url: string; secret: string } | undefined {
  const url = env.REBUILD_WEBHOOK_URL?.trim();
  if (!url) return undefined;
  const secret = env.REBUILD_SECRET;
  if (!secret)
    throw new Error(
      'REBUILD_WEBHOOK_URL is set but REBUILD_SECRET is not: set the shared secret of the rebuild service.',
    );
  try {
    new URL(url);
  } catch {
    throw new Error(`REBUILD_WEBHOOK_URL is not a URL: "${url}".`);
  }
  return { url, secret };
}

/**
 * Registers (or updates) the webhook that tells the rebuild service about content changes, when
 * REBUILD_WEBHOOK_URL is set. The shared secret REBUILD_SECRET goes in the Authorization header.
 */
export async function ensureRebuildWebhook(strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const settings = rebuildWebhookSettings(env);
  if (!settings) return;
  const { url, secret } = settings;
  const store = webhookStore(strapi);
  const runner = webhookRunner(strapi);
  const data = {
    name: rebuildWebhookName,
    url,
    headers: { Authorization: `Bearer ${secret}` },
    events: [...rebuildEvents],
    isEnabled: true,
  };
  const existing = (await store.findWebhooks()).find((webhook) => webhook.name === rebuildWebhookName);
  if (existing) {
    // Null only if the webhook went between the two calls: the next start creates it again.
    const updated = await store.updateWebhook(existing.id, data);
    if (updated) runner.update(updated);
  } else {
    runner.add(await store.createWebhook(data));
    strapi.log.info(`[plan] registered the webhook "${rebuildWebhookName}" → ${url}`);
  }
}
