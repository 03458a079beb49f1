import {
  collections,
  defaultLocale,
  entryUrl,
  isLocale,
  signPreviewUrl,
  type CollectionDef,
  type CollectionKey,
} from '@tcci/schemas';
import type { UID } from '@strapi/strapi';
import { planTypes } from './content-types';

/**
 * The address of an entry on the preview site (PREVIEW_URL), where editors see drafts rendered as
 * pages marked "Preview — not published". Strapi's preview button opens it. The link is signed with
 * PREVIEW_SECRET and works for a few minutes: the preview site opens only with such a link (or the
 * session it gives), so drafts are for the editors who can reach the admin. Without the secret there
 * is no preview link.
 */
export async function previewUrl(
  uid: string,
  { documentId, locale }: { documentId?: string; locale?: string },
  previewBase = process.env.PREVIEW_URL,
  previewSecret = process.env.PREVIEW_SECRET,
): Promise<string | undefined> {
  const type = planTypes.find((t) => t.uid === uid);
  if (!type || !previewBase || !previewSecret) return undefined;
  const key = (Object.entries(collections) as [CollectionKey, CollectionDef][]).find(
    ([, c]) => c === type.collection,
  )![0];
  const language = locale && isLocale(locale) ? locale : defaultLocale;
  let slug: string | undefined;
  if ('slug' in type.collection.fields && documentId) {
    const entry = (await strapi
      .documents(uid as UID.ContentType)
      .findOne({ documentId, locale: language, status: 'draft' } as never)) as {
      slug?: string;
    } | null;
    slug = entry?.slug ?? undefined;
  }
  // The preview site may be served from a sub-path of its host: PREVIEW_URL's path is its base.
  const base = new URL(previewBase).pathname;
  return signPreviewUrl(new URL(entryUrl(key, language, slug, { base }), previewBase), previewSecret);
}
