// The locale config, values and labels alone (not the package's index, which holds Node-only code) for the browser bundle.
import { adminFieldLabels } from '@tcci/schemas/admin';
import { collectionNames, choiceLabels, flagLabels } from '@tcci/schemas/labels';
import { defaultLocale, locales, type Locale } from '@tcci/schemas/locales';
import { editionFieldName } from '@tcci/schemas/values';
import { Earth } from '@strapi/icons';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useNavigate } from 'react-router-dom';
import { SiteStatusPanel, SiteStatusWidget, siteStatusMessages } from './site-status';

const annualPlan = 'api::annual-plan.annual-plan';

/** What the content manager hands a document action (the part this one reads). */
interface ActionProps {
  model: string;
  documentId?: string;
  document?: { edition?: unknown };
}

/** The words of "Start next year's plan", per interface language (by message id `plan.edition.<key>`). */
const editionMessages = {
  en: {
    label: "Start next year's plan (fiscal {next})",
    title: 'Start the plan for fiscal {next}',
    content:
      'Every entry of fiscal {edition} is copied into a new edition, fiscal {next}, in Japanese and English. The 新 marks are cleared and the editorial notes kept. The new annual plan stays a draft, so nothing of fiscal {next} is public until you publish it.',
    confirm: 'Start fiscal {next}',
    started: 'Fiscal {next} started: {entries} entries copied. Its annual plan is a draft.',
  },
  ja: {
    label: '翌年度の計画を始める（{next}年度）',
    title: '{next}年度の計画を始める',
    content:
      '{edition}年度のすべての項目を、日本語と英語のまま、新しい版（{next}年度）に写します。「新」マークは外し、編集メモは残します。新しい年度の事業活動計画は下書きのままなので、公開するまで{next}年度の内容は公開されません。',
    confirm: '{next}年度を始める',
    started: '{next}年度を始めました：{entries}件の項目を写しました。年度の事業活動計画は下書きです。',
  },
} as const satisfies Record<Locale, Record<string, string>>;

/**
 * "Start next year's plan", on an annual plan's edit view: copies the edition into a new draft
 * edition of the next fiscal year (the server's `POST /plan/editions`, the same copy as
 * `pnpm edition new`), then opens the new annual plan. Nothing becomes public until it is published.
 */
const StartNextEdition = ({ model, documentId, document }: ActionProps) => {
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const navigate = useNavigate();
  const { formatMessage } = useIntl();
  // Years as years (2022), not as numbers with a thousands separator (2,022).
  const t = (key: keyof (typeof editionMessages)['en'], values: Record<string, number>) =>
    formatMessage(
      { id: `plan.edition.${key}`, defaultMessage: editionMessages.en[key] },
      Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)])),
    );
  const edition = typeof document?.edition === 'number' ? document.edition : undefined;
  if (model !== annualPlan || !documentId || edition === undefined) return null;
  const next = edition + 1;
  return {
    label: t('label', { next }),
    position: 'panel',
    variant: 'secondary',
    dialog: {
      type: 'dialog',
      title: t('title', { next }),
      content: t('content', { edition, next }),
      confirmLabel: t('confirm', { next }),
      onConfirm: async () => {
        try {
          const { data } = await post<{ data: { annualPlan?: string; entries: number } }>('/plan/editions', {
            from: edition,
          });
          toggleNotification({
            type: 'success',
            message: t('started', { next, entries: data.data.entries }),
          });
          if (data.data.annualPlan)
            navigate(
              `/content-manager/collection-types/${annualPlan}/${data.data.annualPlan}?plugins[i18n][locale]=ja`,
            );
        } catch (error) {
          const message =
            (error as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message ??
            String(error);
          toggleNotification({ type: 'danger', message });
        }
      },
    },
  };
};

/** The languages of the admin's interface: Strapi's own English and the plan's languages. */
const adminLanguages = [...new Set(['en', ...locales])];

/** Where Strapi keeps the interface language an editor chose (in their profile or on the login page). */
const languageKey = 'strapi-admin-language';

/**
 * The interface language for someone who has not chosen one: the first of the browser's preferred
 * languages (`ja-JP` counts as `ja`) that the admin speaks.
 */
export function preferredAdminLanguage(preferred: readonly string[], offered: readonly string[]): string | undefined {
  for (const tag of preferred) {
    const wanted = [tag.toLowerCase(), tag.toLowerCase().split('-')[0]];
    const found = offered.find((language) => wanted.includes(language.toLowerCase()));
    if (found) return found;
  }
  return undefined;
}

/**
 * The admin's own words for the plan, per interface language: each collection's name (the content
 * manager translates a content type's display name as a message id), each choice value's label
 * (its edit view translates an option's value likewise) and each field's name (by the message id
 * its edit view and lists look up). From the model's labels (@tcci/schemas/labels, /admin).
 */
export function planTranslations(): Record<string, Record<string, string>> {
  return Object.fromEntries(
    locales.map((locale) => [
      locale,
      {
        ...Object.fromEntries(Object.values(collectionNames).map((name) => [name.en, name[locale]])),
        ...Object.fromEntries(Object.entries(choiceLabels).map(([value, label]) => [value, label[locale]])),
        ...adminFieldLabels(locale),
        ...siteStatusMessages[locale],
        ...Object.fromEntries(
          Object.entries(editionMessages[locale]).map(([key, text]) => [`plan.edition.${key}`, text]),
        ),
      },
    ]),
  );
}

/** A choice value or a yes/no in a list, as its label in the interface language. */
const ChoiceCell = ({ value }: { value: unknown }) => {
  const { locale } = useIntl();
  const language = (locales as readonly string[]).includes(locale) ? (locale as (typeof locales)[number]) : 'en';
  if (typeof value === 'boolean') return <>{flagLabels[value ? 'true' : 'false'][language]}</>;
  if (typeof value !== 'string' || !value) return <>-</>;
  return <>{choiceLabels[value]?.[language] ?? value}</>;
};

/** A column of a content-manager list (the part this reads and sets). */
interface ListHeader {
  name: string;
  attribute?: { type?: string };
  cellFormatter?: (data: Record<string, unknown>) => unknown;
}

/** The list's content locale (the i18n menu's), the default one when none is named. */
const listLocale = () =>
  new URLSearchParams(typeof window === 'undefined' ? '' : window.location.search).get('plugins[i18n][locale]') ??
  defaultLocale;

/** "English needs review" is a translation's mark: the Japanese list has no such column. */
const shownInThisLocale = (header: ListHeader) =>
  header.name !== 'englishNeedsReview' || listLocale() !== defaultLocale;

/**
 * The lists' choice and yes/no columns, shown as their labels rather than their stored values; and
 * the edition, as the year it is (2021) rather than a number with a thousands separator (2,021).
 */
const labelChoiceColumns = ({ displayedHeaders, layout }: { displayedHeaders: ListHeader[]; layout: unknown }) => ({
  layout,
  displayedHeaders: displayedHeaders.filter(shownInThisLocale).map((header) => {
    if (header.cellFormatter) return header;
    if (header.name === editionFieldName)
      return { ...header, cellFormatter: (data: Record<string, unknown>) => <>{String(data[header.name] ?? '-')}</> };
    if (!['enumeration', 'boolean'].includes(header.attribute?.type ?? '')) return header;
    return { ...header, cellFormatter: (data: Record<string, unknown>) => <ChoiceCell value={data[header.name]} /> };
  }),
});

/** The content manager's API for document actions and edit-view panels (the admin types it as unknown). */
interface ContentManagerApis {
  addDocumentAction: (reduce: (actions: unknown[]) => unknown[]) => void;
  addEditViewSidePanel: (reduce: (panels: unknown[]) => unknown[]) => void;
}

const hasDocumentActions = (apis: unknown): apis is ContentManagerApis =>
  typeof apis === 'object' && apis !== null && typeof (apis as ContentManagerApis).addDocumentAction === 'function';

export default {
  config: {
    // The admin interface in the plan's languages (Strapi's own English is always there); each
    // editor picks one in their profile.
    locales: [...locales],
    translations: planTranslations(),
    tutorials: false,
    notifications: { releases: false },
  },
  register(app: { widgets?: { register: (widget: unknown) => void } }) {
    // "Is it live?" on the admin's homepage, for everyone who signs in.
    app.widgets?.register({
      id: 'site-status',
      icon: Earth,
      title: { id: 'plan.siteStatus.title', defaultMessage: 'Is the site live?' },
      component: () => Promise.resolve(SiteStatusWidget),
    });
    // Japanese first: a new editor whose browser prefers Japanese gets the admin in Japanese
    // without touching a setting. The language they then choose (their profile) is kept, as Strapi keeps it.
    if (typeof window === 'undefined' || window.localStorage.getItem(languageKey)) return;
    const language = preferredAdminLanguage(navigator.languages ?? [navigator.language], adminLanguages);
    if (language) window.localStorage.setItem(languageKey, language);
  },
  bootstrap(app: {
    getPlugin: (name: string) => { apis?: unknown } | undefined;
    registerHook: (name: string, hook: typeof labelChoiceColumns) => void;
  }) {
    const apis = app.getPlugin('content-manager')?.apis;
    if (hasDocumentActions(apis)) {
      apis.addDocumentAction((actions) => [...actions, StartNextEdition]);
      apis.addEditViewSidePanel((panels) => [...panels, SiteStatusPanel]);
    }

    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', labelChoiceColumns);
  },
};
