import { defineCollection } from 'astro:content';
import { planLoader } from './lib/loader.ts';

// One Astro collection per collection of the content model, each filled by the GraphQL loader.
// The entries are parsed with the model's zod schemas (in the loader and again when read), so no
// second schema is written here.
export const collections = {
  annualPlan: defineCollection({ loader: planLoader('annualPlan') }),
  mission: defineCollection({ loader: planLoader('mission') }),
  vision: defineCollection({ loader: planLoader('vision') }),
  visionArea: defineCollection({ loader: planLoader('visionArea') }),
  challenge: defineCollection({ loader: planLoader('challenge') }),
  midTermPlan: defineCollection({ loader: planLoader('midTermPlan') }),
  activityPillar: defineCollection({ loader: planLoader('activityPillar') }),
  activityGuideline: defineCollection({ loader: planLoader('activityGuideline') }),
  initiative: defineCollection({ loader: planLoader('initiative') }),
  covidPillar: defineCollection({ loader: planLoader('covidPillar') }),
  infoBoard: defineCollection({ loader: planLoader('infoBoard') }),
  financeYear: defineCollection({ loader: planLoader('financeYear') }),
  division: defineCollection({ loader: planLoader('division') }),
  committee: defineCollection({ loader: planLoader('committee') }),
  association: defineCollection({ loader: planLoader('association') }),
  branch: defineCollection({ loader: planLoader('branch') }),
  branchCluster: defineCollection({ loader: planLoader('branchCluster') }),
};
