import type { Core } from '@strapi/strapi';
import { defaultLocale, entryUrl, isLocale, signPreviewUrl } from '@tcci/schemas';
import { hasSlug, planTypeOf } from './content-types';

interface PreviewParams {
  documentId?: string;
  locale?: string;
}

/**
 * The address of an entry on the preview site (PREVIEW_URL), where editors see drafts rendered as
 * pages marked "Preview — not published". Strapi's preview button opens it. The link is signed with
 * PREVIEW_SECRET and works for a few minutes (it leads to the entry's page in its edition, at the
 * edition's permanent address): the preview site opens only with such a link (or the
 * session it gives), so drafts are for the editors who can reach the admin. Without the secret there
 * is no preview link.
 */
export async function entryPreviewUrl(
  strapi: Core.Strapi,
  uid: string,
  { documentId, locale }: PreviewParams,
  previewBase = process.env.PREVIEW_URL,
  previewSecret = process.env.PREVIEW_SECRET,
): Promise<string | undefined> {
  const type = planTypeOf(uid);
  if (!type || !previewBase || !previewSecret) return undefined;
  const language = locale && isLocale(locale) ? locale : defaultLocale;
  let slug: string | undefined;
  let edition: number | undefined;
  if (documentId) {
    // The entry's page in its own edition: a draft edition's too, which the preview site builds.
    const entry = await strapi.documents(type.uid).findOne({ documentId, locale: language, status: 'draft' });
    edition = typeof entry?.edition === 'number' ? entry.edition : undefined;
    if (hasSlug(type.uid) && entry && 'slug' in entry && typeof entry.slug === 'string') slug = entry.slug;
  }
  // The preview site may be served from a sub-path of its host: PREVIEW_URL's path is its base.
  const base = new URL(previewBase).pathname;
  return signPreviewUrl(new URL(entryUrl(type.key, language, slug, { base, edition }), previewBase), previewSecret);
}
