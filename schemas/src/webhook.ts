/**
 * The entry events the CMS sends the rebuild service (its webhook, cms/src/plan/webhooks.ts), and the
 * only ones the service accepts (scripts/rebuild/http.ts): publish, unpublish and delete rebuild the
 * site; saves, and a discarded draft (the editor's "Discard changes"), refresh the editors' preview.
 */
export const rebuildEvents: readonly string[] = [
  'entry.create',
  'entry.update',
  'entry.delete',
  'entry.publish',
  'entry.unpublish',
  'entry.draft-discard',
];
