import { collections, contentTypeUid, type CollectionDef, type CollectionKey, type Collections } from '@tcci/schemas';
import type { UID } from '@strapi/strapi';
// The content types and components Strapi generated for this app (`pnpm --filter @tcci/cms generate`),
// brought into every program that compiles the plan's modules (Strapi's, the tests', the scripts').
import type {} from '../../types/generated/components';
import type {} from '../../types/generated/contentTypes';

/**
 * The uid of each collection's content type, spelled out so that TypeScript checks each against the
 * content types Strapi generated for this app (types/generated): every query below is then typed
 * with the collection's own attributes. The check under `planTypes` makes sure each is the uid the
 * model derives, so the two can never drift apart unnoticed.
 */
const uids = {
  annualPlan: 'api::annual-plan.annual-plan',
  mission: 'api::mission.mission',
  vision: 'api::vision.vision',
  visionArea: 'api::vision-area.vision-area',
  challenge: 'api::challenge.challenge',
  midTermPlan: 'api::mid-term-plan.mid-term-plan',
  activityPillar: 'api::activity-pillar.activity-pillar',
  activityGuideline: 'api::activity-guideline.activity-guideline',
  initiative: 'api::initiative.initiative',
  covidPillar: 'api::covid-pillar.covid-pillar',
  infoBoard: 'api::info-board.info-board',
  financeYear: 'api::finance-year.finance-year',
  division: 'api::division.division',
  committee: 'api::committee.committee',
  association: 'api::association.association',
  branch: 'api::branch.branch',
  branchCluster: 'api::branch-cluster.branch-cluster',
} as const satisfies Record<CollectionKey, UID.ContentType>;

/** The uid of a plan content type. */
export type PlanUid = (typeof uids)[CollectionKey];

/** The keys of the collections whose entries have a slug. */
type SlugKey = { [K in CollectionKey]: 'slug' extends keyof Collections[K]['fields'] ? K : never }[CollectionKey];

/** The uid of a plan content type whose entries have a slug (and so can be filtered by it). */
export type SlugUid = (typeof uids)[SlugKey];

/** A collection of the plan and the uid of its Strapi content type. */
export interface PlanType {
  key: CollectionKey;
  collection: CollectionDef;
  uid: PlanUid;
}

/** Every content type of the plan, in the model's order (relation targets before the entries that link to them). */
export const planTypes: PlanType[] = Object.values(collections).map((collection) => {
  const uid = uids[collection.key];
  if (uid !== contentTypeUid(collection))
    throw new Error(
      `cms/src/plan/content-types.ts names ${uid} for ${collection.key}, the model ${contentTypeUid(collection)}.`,
    );
  return { key: collection.key, collection, uid };
});

const byUid = new Map<string, PlanType>(planTypes.map((type) => [type.uid, type]));
const slugUids = new Set<string>(planTypes.filter((t) => 'slug' in t.collection.fields).map((t) => t.uid));

export const planUids = new Set<string>(byUid.keys());

/** The plan type of a uid, if it is one (Strapi hands middlewares every content type's uid). */
export const planTypeOf = (uid: string): PlanType | undefined => byUid.get(uid);

/** The plan type of a collection key (relations name their target by key). */
export const planTypeByKey = (key: string): PlanType | undefined => planTypes.find((type) => type.key === key);

/** Whether a plan content type's entries have a slug: the model says so, and so do its generated types. */
export const hasSlug = (uid: PlanUid): uid is SlugUid => slugUids.has(uid);

/** The rows of one document in Strapi's query layer: its draft or published versions, in one locale or all. */
export const versionRows = (documentId: string, status: 'draft' | 'published', locale?: string) => ({
  documentId,
  publishedAt: status === 'draft' ? { $null: true } : { $notNull: true },
  ...(locale ? { locale } : {}),
});
