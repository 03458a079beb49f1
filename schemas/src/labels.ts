/**
 * What editors read in the admin, in each language of its interface, beside the model's stable
 * identifiers: the collections' names and the choice values' labels. A module without zod, so that
 * the admin's browser bundle can import it.
 */
import type { Locale } from './locales.ts';
import type { InitiativeCategory, InitiativeColumn } from './values.ts';

type Named<K extends string> = Record<K, Record<Locale, string>>;

/** Each collection's name (its English name is also the content type's display name). */
export const collectionNames = {
  annualPlan: { ja: '年度の事業活動計画', en: 'Annual plan' },
  mission: { ja: 'ミッション', en: 'Mission' },
  vision: { ja: '東商ビジョン', en: 'Vision' },
  visionArea: { ja: 'ビジョンの分野', en: 'Vision area' },
  challenge: { ja: '挑戦（東商１０の挑戦）', en: 'Challenge' },
  midTermPlan: { ja: '中期事業計画', en: 'Mid-term plan' },
  activityPillar: { ja: '活動の柱', en: 'Activity pillar' },
  activityGuideline: { ja: '活動指針', en: 'Activity guideline' },
  initiative: { ja: '取り組み', en: 'Initiative' },
  covidPillar: { ja: '緊急対策パッケージの柱', en: 'COVID-19 package pillar' },
  infoBoard: { ja: '情報掲示板', en: 'Information board' },
  financeYear: { ja: '財政回復の中期計画の年度', en: 'Finance plan year' },
  division: { ja: '部会', en: 'Division' },
  committee: { ja: '委員会', en: 'Committee' },
  association: { ja: '女性会・青年部', en: 'Association' },
  branch: { ja: '支部', en: 'Branch' },
  branchCluster: { ja: '支部のグループ', en: 'Branch cluster' },
} as const satisfies Named<string>;

/** The labels of the initiatives' columns and categories, as the plan prints them. */
export const initiativeColumnLabels: Named<InitiativeColumn> = {
  focus: { ja: '重点分野への取り組み', en: 'Focus areas' },
  covid: { ja: '「コロナ禍対応」の取り組み', en: 'COVID-19 response' },
};

export const initiativeCategoryLabels: Named<InitiativeCategory> = {
  managementSupport: { ja: '経営支援', en: 'Management support' },
  memberServices: { ja: '事業・会員サービス', en: 'Programmes and member services' },
  policyRegional: { ja: '政策要望・地域振興', en: 'Policy requests and regional development' },
};

/** Every choice value's label, by value (values are unique across the model's choices). */
export const choiceLabels: Named<string> = { ...initiativeColumnLabels, ...initiativeCategoryLabels };

/** How a yes/no field reads in a list. */
export const flagLabels = {
  true: { ja: 'はい', en: 'Yes' },
  false: { ja: 'いいえ', en: 'No' },
} as const satisfies Named<'true' | 'false'>;
