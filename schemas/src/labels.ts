/**
 * What editors read in the admin, in each language of its interface, beside the model's stable
 * identifiers: the collections' names and the choice values' labels. A module without zod, so that
 * the admin's browser bundle can import it.
 */
import type { Locale } from './locales.ts';
import type { ChangeKind, InitiativeCategory, InitiativeColumn } from './values.ts';

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

/** A change note's kind. */
export const changeKindLabels: Named<ChangeKind> = {
  major: { ja: '主な変更（更新情報に載せる）', en: 'Major (listed in the updates)' },
  minor: { ja: '軽微な変更', en: 'Minor' },
};

/** Every choice value's label, by value (values are unique across the model's choices). */
export const choiceLabels: Named<string> = {
  ...initiativeColumnLabels,
  ...initiativeCategoryLabels,
  ...changeKindLabels,
};

/** How a yes/no field reads in a list. */
export const flagLabels = {
  true: { ja: 'はい', en: 'Yes' },
  false: { ja: 'いいえ', en: 'No' },
} as const satisfies Named<'true' | 'false'>;

/**
 * The Japanese of every field's name, by its English name (the model's `label`): one term per
 * concept, so a name that several collections share (Order, Slug, Focus items …) is written once.
 */
export const fieldLabelsJa: Record<string, string> = {
  'Edition (fiscal year)': '計画の年度',
  Title: '表題',
  'Motto of the year': '年度の標語',
  'Source of the motto': '標語の出典',
  'Heading: missions': '見出し：ミッション',
  'Heading: focus areas': '見出し：重点分野',
  'Heading: COVID-19 response': '見出し：コロナ禍対応',
  'Name of the COVID-19 package': '緊急対策パッケージの名称',
  'Name of the finance plan': '財政回復の中期計画の名称',
  'Legend of the 新 (new) mark': '「新」マークの凡例',
  'Heading: divisions, committees and associations': '見出し：部会・委員会・女性会・青年部',
  Slug: 'スラッグ（アドレスの識別子）',
  Order: '順番',
  Mission: 'ミッション',
  Heading: '見出し',
  'Name of the vision': 'ビジョンの名称',
  Tagline: 'キャッチフレーズ',
  'Label of the challenges': '挑戦の呼び名',
  'Title of the challenges': '挑戦の表題',
  Area: '分野',
  Challenge: '挑戦',
  'Vision area': 'ビジョンの分野',
  'Editorial note': '編集メモ',
  Name: '名称',
  Slogan: 'スローガン',
  'Slogan subtitle': 'スローガンの副題',
  'First fiscal year': '初年度',
  'Last fiscal year': '最終年度',
  'Heading: activity pillars': '見出し：活動の柱',
  'Heading: activity guidelines': '見出し：活動指針',
  Pillar: '柱',
  Guideline: '指針',
  Column: '区分',
  Category: '分類',
  '新 (new)': '新（新規事業）',
  Initiative: '取り組み',
  'Activity pillars': '活動の柱',
  Board: '掲示板',
  'What it is': '内容',
  'Fiscal year': '年度',
  'Plan for the year': '年度の計画',
  'Reserve drawdown (¥100 million)': '積立金の取り崩し（億円）',
  Division: '部会',
  'Focus items': '重点取り組み内容',
  Remark: '備考',
  Committee: '委員会',
  Association: '女性会・青年部',
  Ward: '区',
  Cluster: 'グループ',
  'Member branches': '所属する支部',
  'Joint projects': '支部連携事業',
  'What the projects do': '事業の内容',
  'English needs review': '英語の確認が必要',
  'Japanese updated': '日本語の更新日時',
  'Change note': '変更の説明',
  'Kind of change': '変更の種類',
  'Change note published': '変更の説明の公開日時',
};

/** The Japanese of every field's description, by its English (the model's `description`). */
export const fieldDescriptionsJa: Record<string, string> = {
  "The fiscal year of the plan this entry belongs to. The year's plan is public once its annual plan is published.":
    'この項目が属する計画の年度。その年度の計画は、年度の事業活動計画を公開すると公開されます。',
  'As printed: 東商３つのミッション.': '原文どおり：東商３つのミッション。',
  'What the 新 badge means.': '「新」マークの意味。',
  "Page ②'s heading as printed, over the divisions, committees, women's association and youth division.":
    'ページ②の見出し（原文どおり）。部会・委員会・女性会・青年部の上に置かれます。',
  'Identifier used in links; lowercase letters, digits and hyphens. Changing it changes the page address.':
    'リンクに使う識別子。半角の英小文字・数字・ハイフン。変えるとページのアドレスが変わります。',
  'Position in the list, 1 first.': '一覧での順番（1が先頭）。',
  'What the ten challenges are (行動指針).': '十の挑戦が何であるか（行動指針）。',
  'The challenge number, 1 to 10.': '挑戦の番号（1〜10）。',
  'Why this entry reads as it does (decisions taken when the plan was entered). Not published.':
    'この項目がこう書かれている理由（計画を入力したときの判断）。公開されません。',
  'The pillar number, 1 to 5.': '柱の番号（1〜5）。',
  'The guideline number, 1 to 3.': '指針の番号（1〜3）。',
  'Position within its column, 1 first.': '区分の中での順番（1が先頭）。',
  'focus: focus areas; covid: COVID-19 response.': '重点分野への取り組み、または「コロナ禍対応」の取り組み。',
  'managementSupport: 経営支援; memberServices: 事業・会員サービス; policyRegional: 政策要望・地域振興.':
    '経営支援、事業・会員サービス、または政策要望・地域振興。',
  "A new project this year (新規事業). Cleared when next year's plan is started from this one.":
    '今年度の新規事業。この計画から翌年度の計画を始めると外れます。',
  'The mid-term plan pillars this initiative serves, where an editor has decided it.':
    'この取り組みが担う中期事業計画の活動の柱（編集者が判断した場合）。',
  'The pillar number, 1 to 6.': '柱の番号（1〜6）。',
  'The board number, 1 to 5.': '掲示板の番号（1〜5）。',
  'Reserves drawn down in the year, in units of ¥100 million (億円), as the plan states it.':
    'その年度に取り崩す積立金。計画の記載どおり億円単位で入力します。',
  'Position in the standard order of the 23 wards, 1 (Chiyoda) first.': '23区の標準の並び順での位置（1が千代田区）。',
  'On a translation: set by the CMS when the Japanese text changes after this translation was last edited; editing the translation (or clearing this to confirm it is still right) clears it. Unused on the Japanese.':
    '翻訳（英語）の項目で使います。翻訳を最後に編集した後に日本語の文章が変わると、CMSが付けます。翻訳を編集する（または、そのままで正しいと確認してこれを外す）と消えます。日本語の項目では使いません。',
  'On a translation: when the Japanese last changed after it was edited (set by the CMS).':
    '翻訳（英語）の項目で使います。翻訳の編集後に日本語が最後に変わった日時（CMSが記録）。',
  'Optional: what changed, in a sentence, for the public updates page and feed (per language). Shown as you write it.':
    '任意：何が変わったかを一文で。公開の更新情報ページとフィードに、書いたとおりに載ります（言語ごと）。',
  'Major changes are listed on the updates page and in the feed; minor ones are not. A note without a kind is listed as major.':
    '主な変更は更新情報ページとフィードに載ります。軽微な変更は載りません。種類を選ばなければ主な変更として載ります。',
  'When this change note was first published (set by the CMS).': 'この変更の説明が最初に公開された日時（CMSが記録）。',
};

/** What every field's description adds: whether each language has its own value. */
export const fieldScopeNotes = {
  localized: {
    ja: '言語ごと：日本語と英語でそれぞれ入力します。',
    en: 'Per language: Japanese and English each have their own.',
  },
  shared: { ja: '共通：日本語と英語で同じ値です。', en: 'Shared: the same in Japanese and English.' },
} as const satisfies Record<'localized' | 'shared', Record<Locale, string>>;

/**
 * A field's description as the edit view shows it (under the field, the same in either interface
 * language, since Strapi keeps one description per field): the Japanese, then the English.
 */
export function fieldHint(field: { description?: string | undefined; localized: boolean }): string {
  const scope = fieldScopeNotes[field.localized ? 'localized' : 'shared'];
  const ja = [field.description && fieldDescriptionsJa[field.description], scope.ja].filter(Boolean).join('');
  const en = [field.description, scope.en].filter(Boolean).join(' ');
  return `${ja} — ${en}`;
}
