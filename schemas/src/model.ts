import { defineCollection } from './collection.ts';
import { initiativeCategories, initiativeColumns } from './values.ts';
import {
  choice,
  decimal,
  flag,
  integer,
  itemList,
  note,
  optional,
  order,
  relationMany,
  relationOne,
  slug,
  text,
  title,
} from './fields.ts';

/* Page ①: the year, the missions and the vision. */

export const annualPlan = defineCollection({
  key: 'annualPlan',
  kind: 'single',
  singularName: 'annual-plan',
  pluralName: 'annual-plans',
  displayName: 'Annual plan',
  description:
    "One fiscal year's plan as a whole (an edition): its title, the motto of the year and the headings of its sections. Publishing it makes the year's published entries public.",
  seedFile: 'annual-plan.yaml',
  fields: {
    title: title('Title'),
    motto: title('Motto of the year'),
    mottoSource: title('Source of the motto'),
    missionsHeading: title('Heading: missions', { description: 'As printed: 東商３つのミッション.' }),
    focusHeading: title('Heading: focus areas'),
    covidResponseHeading: title('Heading: COVID-19 response'),
    covidPackageName: title('Name of the COVID-19 package'),
    financePlanName: title('Name of the finance plan'),
    newLegend: title('Legend of the 新 (new) mark', { description: 'What the 新 badge means.' }),
    organisationsHeading: title('Heading: divisions, committees and associations', {
      description:
        "Page ②'s heading as printed, over the divisions, committees, women's association and youth division.",
    }),
  },
});

export const mission = defineCollection({
  key: 'mission',
  kind: 'collection',
  singularName: 'mission',
  pluralName: 'missions',
  displayName: 'Mission',
  description: "TCCI's three missions.",
  seedFile: 'missions.yaml',
  fields: {
    slug: slug(),
    order: order(),
    title: title('Mission'),
  },
});

export const vision = defineCollection({
  key: 'vision',
  kind: 'single',
  singularName: 'vision',
  pluralName: 'visions',
  displayName: 'Vision',
  description: "TCCI's vision: its name, its tagline and the heading of its ten challenges.",
  seedFile: 'vision.yaml',
  fields: {
    heading: title('Heading'),
    name: title('Name of the vision'),
    tagline: title('Tagline'),
    guidelineLabel: title('Label of the challenges', { description: 'What the ten challenges are (行動指針).' }),
    challengesTitle: title('Title of the challenges'),
  },
});

export const visionArea = defineCollection({
  key: 'visionArea',
  kind: 'collection',
  singularName: 'vision-area',
  pluralName: 'vision-areas',
  displayName: 'Vision area',
  description: 'The four areas in which the vision challenges TCCI.',
  seedFile: 'vision-areas.yaml',
  fields: {
    slug: slug(),
    order: order(),
    title: title('Area'),
  },
});

export const challenge = defineCollection({
  key: 'challenge',
  kind: 'collection',
  singularName: 'challenge',
  pluralName: 'challenges',
  displayName: 'Challenge',
  description: "The vision's ten challenges (東商１０の挑戦), each under one vision area.",
  seedFile: 'challenges.yaml',
  fields: {
    slug: slug(),
    order: order('The challenge number, 1 to 10.'),
    title: title('Challenge'),
    area: relationOne('Vision area', 'visionArea'),
    note: note(),
  },
});

/* Page ①: the mid-term plan 2020–2022. */

export const midTermPlan = defineCollection({
  key: 'midTermPlan',
  kind: 'single',
  singularName: 'mid-term-plan',
  pluralName: 'mid-term-plans',
  displayName: 'Mid-term plan',
  description: 'The mid-term business plan: its name, slogan and period.',
  seedFile: 'mid-term-plan.yaml',
  fields: {
    name: title('Name'),
    slogan: title('Slogan'),
    sloganSubtitle: title('Slogan subtitle'),
    periodStart: integer('First fiscal year', { min: 2000, max: 2100 }),
    periodEnd: integer('Last fiscal year', { min: 2000, max: 2100 }),
    pillarsHeading: title('Heading: activity pillars'),
    guidelinesHeading: title('Heading: activity guidelines'),
  },
});

export const activityPillar = defineCollection({
  key: 'activityPillar',
  kind: 'collection',
  singularName: 'activity-pillar',
  pluralName: 'activity-pillars',
  displayName: 'Activity pillar',
  description: "The mid-term plan's five activity pillars (活動の柱).",
  seedFile: 'activity-pillars.yaml',
  fields: {
    slug: slug(),
    order: order('The pillar number, 1 to 5.'),
    title: title('Pillar'),
  },
});

export const activityGuideline = defineCollection({
  key: 'activityGuideline',
  kind: 'collection',
  singularName: 'activity-guideline',
  pluralName: 'activity-guidelines',
  displayName: 'Activity guideline',
  description: "The mid-term plan's three activity guidelines (活動指針).",
  seedFile: 'activity-guidelines.yaml',
  fields: {
    slug: slug(),
    order: order('The guideline number, 1 to 3.'),
    title: title('Guideline'),
  },
});

/* Page ①: the year's initiatives. */

export { initiativeCategories, initiativeColumns };

export const initiative = defineCollection({
  key: 'initiative',
  kind: 'collection',
  singularName: 'initiative',
  pluralName: 'initiatives',
  displayName: 'Initiative',
  description: "The year's initiatives, in the focus areas or the COVID-19 response; 新 marks new work.",
  seedFile: 'initiatives.yaml',
  fields: {
    slug: slug(),
    order: order('Position within its column, 1 first.'),
    column: choice('Column', initiativeColumns, { description: 'focus: focus areas; covid: COVID-19 response.' }),
    category: choice('Category', initiativeCategories, {
      description:
        'managementSupport: 経営支援; memberServices: 事業・会員サービス; policyRegional: 政策要望・地域振興.',
    }),
    isNew: flag('新 (new)', {
      description: "A new project this year (新規事業). Cleared when next year's plan is started from this one.",
      resetInNewEdition: true,
    }),
    text: text('Initiative'),
    pillars: relationMany('Activity pillars', 'activityPillar', {
      description: 'The mid-term plan pillars this initiative serves, where an editor has decided it.',
    }),
    note: note(),
  },
});

/* Page ①: the COVID-19 emergency package. */

export const covidPillar = defineCollection({
  key: 'covidPillar',
  kind: 'collection',
  singularName: 'covid-pillar',
  pluralName: 'covid-pillars',
  displayName: 'COVID-19 package pillar',
  description: 'The six pillars of the COVID-19 emergency package.',
  seedFile: 'covid-pillars.yaml',
  fields: {
    slug: slug(),
    order: order('The pillar number, 1 to 6.'),
    title: title('Pillar'),
  },
});

export const infoBoard = defineCollection({
  key: 'infoBoard',
  kind: 'collection',
  singularName: 'info-board',
  pluralName: 'info-boards',
  displayName: 'Information board',
  description: 'The five information boards of the COVID-19 emergency package.',
  seedFile: 'info-boards.yaml',
  fields: {
    slug: slug(),
    order: order('The board number, 1 to 5.'),
    title: title('Board'),
    description: optional(title('What it is')),
  },
});

export const financeYear = defineCollection({
  key: 'financeYear',
  kind: 'collection',
  singularName: 'finance-year',
  pluralName: 'finance-years',
  displayName: 'Finance plan year',
  description: 'One fiscal year of the mid-term plan for recovering the finances from the pandemic.',
  seedFile: 'finance-years.yaml',
  fields: {
    slug: slug(),
    fiscalYear: integer('Fiscal year', { min: 2000, max: 2100 }),
    summary: title('Plan for the year'),
    reserveDrawdown: optional(
      decimal('Reserve drawdown (¥100 million)', {
        min: 0,
        description: 'Reserves drawn down in the year, in units of ¥100 million (億円), as the plan states it.',
      }),
    ),
  },
});

/* Page ②: divisions, committees, the women's association and the youth division. */

export const division = defineCollection({
  key: 'division',
  kind: 'collection',
  singularName: 'division',
  pluralName: 'divisions',
  displayName: 'Division',
  description: 'Industry divisions (部会) and their focus for the year.',
  seedFile: 'divisions.yaml',
  fields: {
    slug: slug(),
    order: order(),
    name: title('Division'),
    focusItems: itemList('Focus items'),
    remark: optional(title('Remark')),
    note: note(),
  },
});

export const committee = defineCollection({
  key: 'committee',
  kind: 'collection',
  singularName: 'committee',
  pluralName: 'committees',
  displayName: 'Committee',
  description: 'Committees (委員会) and their focus for the year.',
  seedFile: 'committees.yaml',
  fields: {
    slug: slug(),
    order: order(),
    name: title('Committee'),
    focusItems: itemList('Focus items'),
    note: note(),
  },
});

export const association = defineCollection({
  key: 'association',
  kind: 'collection',
  singularName: 'association',
  pluralName: 'associations',
  displayName: 'Association',
  description: "The women's association (女性会) and the youth division (青年部) and their focus for the year.",
  seedFile: 'associations.yaml',
  fields: {
    slug: slug(),
    order: order(),
    name: title('Association'),
    focusItems: itemList('Focus items'),
    note: note(),
  },
});

/* Page ③: the 23 ward branches and their clusters. */

export const branch = defineCollection({
  key: 'branch',
  kind: 'collection',
  singularName: 'branch',
  pluralName: 'branches',
  displayName: 'Branch',
  description: 'The 23 ward branches (支部) and their focus for the year.',
  seedFile: 'branches.yaml',
  fields: {
    slug: slug(),
    order: order('Position in the standard order of the 23 wards, 1 (Chiyoda) first.'),
    name: title('Ward'),
    focusItems: itemList('Focus items'),
    note: note(),
  },
});

export const branchCluster = defineCollection({
  key: 'branchCluster',
  kind: 'collection',
  singularName: 'branch-cluster',
  pluralName: 'branch-clusters',
  displayName: 'Branch cluster',
  description: 'Groups of branches that run joint projects (支部連携事業); every branch is in exactly one.',
  seedFile: 'branch-clusters.yaml',
  fields: {
    slug: slug(),
    order: order(),
    name: title('Cluster'),
    branches: relationMany('Member branches', 'branch', { inverse: 'cluster', min: 1 }),
    projects: itemList('Joint projects'),
    description: text('What the projects do'),
  },
});

/** Every collection of the plan, in the order the plan presents them. */
export const collections = {
  annualPlan,
  mission,
  vision,
  visionArea,
  challenge,
  midTermPlan,
  activityPillar,
  activityGuideline,
  initiative,
  covidPillar,
  infoBoard,
  financeYear,
  division,
  committee,
  association,
  branch,
  branchCluster,
} as const;

export type Collections = typeof collections;
export type CollectionKey = keyof Collections;
