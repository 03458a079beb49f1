// The locale config alone (not the package's index, which holds Node-only code) for the browser bundle.
import { locales } from '@tcci/schemas/locales';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';

const annualPlan = 'api::annual-plan.annual-plan';

/** What the content manager hands a document action (the part this one reads). */
interface ActionProps {
  model: string;
  documentId?: string;
  document?: { edition?: unknown };
}

/**
 * "Start next year's plan", on an annual plan's edit view: copies the edition into a new draft
 * edition of the next fiscal year (the server's `POST /plan/editions`, the same copy as
 * `pnpm edition new`), then opens the new annual plan. Nothing becomes public until it is published.
 */
const StartNextEdition = ({ model, documentId, document }: ActionProps) => {
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const navigate = useNavigate();
  const edition = typeof document?.edition === 'number' ? document.edition : undefined;
  if (model !== annualPlan || !documentId || edition === undefined) return null;
  const next = edition + 1;
  return {
    label: `Start next year's plan (fiscal ${next})`,
    position: 'panel',
    variant: 'secondary',
    dialog: {
      type: 'dialog',
      title: `Start the plan for fiscal ${next}`,
      content: `Every entry of fiscal ${edition} is copied into a new edition, fiscal ${next}, in Japanese and English. The 新 marks are cleared and the editorial notes kept. The new annual plan stays a draft, so nothing of fiscal ${next} is public until you publish it.`,
      confirmLabel: `Start fiscal ${next}`,
      onConfirm: async () => {
        try {
          const { data } = await post<{ data: { annualPlan?: string; entries: number } }>('/plan/editions', {
            from: edition,
          });
          toggleNotification({
            type: 'success',
            message: `Fiscal ${next} started: ${data.data.entries} entries copied. Its annual plan is a draft.`,
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

/** The content manager's API for document actions (the admin types it as unknown). */
interface ContentManagerApis {
  addDocumentAction: (reduce: (actions: unknown[]) => unknown[]) => void;
}

const hasDocumentActions = (apis: unknown): apis is ContentManagerApis =>
  typeof apis === 'object' && apis !== null && typeof (apis as ContentManagerApis).addDocumentAction === 'function';

export default {
  config: {
    // The admin interface in the plan's languages (Strapi's own English is always there); each
    // editor picks one in their profile.
    locales: [...locales],
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(app: { getPlugin: (name: string) => { apis?: unknown } | undefined }) {
    const apis = app.getPlugin('content-manager')?.apis;
    if (hasDocumentActions(apis)) apis.addDocumentAction((actions) => [...actions, StartNextEdition]);
  },
};
