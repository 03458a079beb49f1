import type { Core } from '@strapi/strapi';
import { entryPreviewUrl } from '../src/plan/preview';

export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const previewSite = env('PREVIEW_URL');
  return {
    auth: {
      secret: env('ADMIN_JWT_SECRET'),
    },
    apiToken: {
      salt: env('API_TOKEN_SALT'),
    },
    transfer: {
      token: {
        salt: env('TRANSFER_TOKEN_SALT'),
      },
    },
    secrets: {
      encryptionKey: env('ENCRYPTION_KEY'),
    },
    flags: {
      nps: false,
      promoteEE: false,
    },
    // The preview button on an entry opens its page on the preview site (drafts, marked as such),
    // with a short-lived link signed with PREVIEW_SECRET, which the preview site checks.
    preview: {
      enabled: Boolean(env('PREVIEW_URL') && env('PREVIEW_SECRET')),
      config: {
        allowedOrigins: previewSite ? [new URL(previewSite).origin] : [],
        // Strapi calls it with the entry alone: Strapi itself is the global it sets at start.
        handler: (uid: string, params: { documentId?: string; locale?: string }) =>
          entryPreviewUrl(strapi, uid, params, env('PREVIEW_URL'), env('PREVIEW_SECRET')),
      },
    },
  };
};
