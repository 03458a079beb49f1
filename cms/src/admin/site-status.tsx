// "Is it live?": the site's last build in the admin — a homepage widget and a panel on every
// entry's edit view — from the CMS's GET /plan/site-status (which reads the rebuild service's /status).
import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import type { EntryLiveState, SiteStatus } from '@tcci/schemas/build-status';
import type { Locale } from '@tcci/schemas/locales';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';

const id = (key: string) => `plan.siteStatus.${key}`;

/** The widget's and the panel's words, per interface language (the admin's translations). */
export const siteStatusMessages: Record<Locale, Record<string, string>> = {
  ja: {
    [id('title')]: 'サイトの公開状況',
    [id('loading')]: '確認しています…',
    [id('success')]: '最新のサイトを公開しました',
    [id('failure')]: 'サイトの更新に失敗しました',
    [id('at')]: '{time}',
    [id('kept')]: 'サイトは前回の内容のまま公開されています。',
    [id('building')]: 'サイトを更新しています（{time}から）。',
    [id('queued')]: '次の更新を待っている変更があります。',
    [id('handed')]: 'CIにサイトの更新を依頼しました。数分で公開されます。',
    [id('never')]: 'サイトはまだ一度も更新されていません。',
    [id('unreachable')]: '再構築サービスに接続できません。公開した内容がサイトに反映されない可能性があります。',
    [id('unconfigured')]: 'このCMSにはサイトの自動更新が設定されていません。',
    [id('error')]: '状況を取得できませんでした。',
    [id('site')]: '公開サイトを開く',
    [id('ciRun')]: 'CIの実行の記録を開く',
    [id('details')]: '技術的な詳細（英語）',
    [id('failure.cms-unreachable')]: 'サイトの生成中にCMSに接続できませんでした。',
    [id('failure.token-refused')]: 'CMSがサイト用のAPIトークンを拒否しました。管理者に連絡してください。',
    [id('failure.invalid-content')]: 'CMSの内容に、サイトに載せられないデータがあります。',
    [id('failure.stopped')]: 'サイトの生成が途中で止められました。',
    [id('failure.build-error')]: 'サイトの生成でエラーが起きました。',
    [id('entry.live')]: 'この項目はサイトに公開されています。',
    [id('entry.unpublished')]: 'この言語の項目は公開されていません。',
    [id('entry.edition-unpublished')]: 'この年度の計画はまだ公開されていません。',
    [id('entry.building')]: 'この項目をサイトに載せる更新を待っています。',
    [id('entry.failed')]: '公開後のサイトの更新に失敗したため、この項目の最新の内容はまだサイトにありません。',
    [id('entry.waiting')]: '公開後、サイトはまだ更新されていません。',
    [id('entry.handed-to-ci')]: 'この項目を載せる更新をCIに依頼しました。',
    [id('entry.page')]: '公開ページを開く',
  },
  en: {
    [id('title')]: 'Is the site live?',
    [id('loading')]: 'Checking…',
    [id('success')]: 'The site is up to date',
    [id('failure')]: 'The last site update failed',
    [id('at')]: '{time}',
    [id('kept')]: 'The site stays online as it was before.',
    [id('building')]: 'The site is being updated (since {time}).',
    [id('queued')]: 'Changes are waiting for the next update.',
    [id('handed')]: 'The update was handed to CI; the site follows in a few minutes.',
    [id('never')]: 'The site has not been updated yet.',
    [id('unreachable')]: 'The rebuild service cannot be reached: what you publish may not reach the site.',
    [id('unconfigured')]: 'No automatic site update is set up for this CMS.',
    [id('error')]: 'The status could not be read.',
    [id('site')]: 'Open the public site',
    [id('ciRun')]: 'Open the CI run',
    [id('details')]: 'Technical details',
    [id('failure.cms-unreachable')]: 'The site build could not reach the CMS.',
    [id('failure.token-refused')]: "The CMS refused the site's API token: tell the administrator.",
    [id('failure.invalid-content')]: 'The CMS holds data the site cannot show.',
    [id('failure.stopped')]: 'The site build was stopped before it finished.',
    [id('failure.build-error')]: 'The site build failed with an error.',
    [id('entry.live')]: 'This entry is live on the site.',
    [id('entry.unpublished')]: 'This entry is not published in this language.',
    [id('entry.edition-unpublished')]: "This year's plan is not published yet.",
    [id('entry.building')]: 'Waiting for the update that puts this entry on the site.',
    [id('entry.failed')]: 'The site updates since it was published failed: the site does not show its latest yet.',
    [id('entry.waiting')]: 'The site has not been updated since it was published.',
    [id('entry.handed-to-ci')]: 'The update that puts this entry on the site was handed to CI.',
    [id('entry.page')]: 'Open its public page',
  },
};

/** How often an open widget or panel asks again (a build takes seconds to minutes). */
const pollMs = 5000;

/** The site's status (and the entry's, with `entry`), asked again every few seconds while shown. */
function useSiteStatus(entry?: { uid: string; documentId: string; locale: string }, version = '') {
  const { get } = useFetchClient();
  const [status, setStatus] = useState<SiteStatus | undefined>();
  const [failed, setFailed] = useState(false);
  // Asked again at once when the entry changes (a save, a publish).
  const key = entry ? `${entry.uid}/${entry.documentId}/${entry.locale}/${version}` : '';
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      try {
        const { data } = await get<{ data: SiteStatus }>('/plan/site-status', { params: entry ?? {} });
        if (!stopped) {
          setStatus(data.data);
          setFailed(false);
        }
      } catch {
        if (!stopped) setFailed(true);
      }
      if (!stopped) timer = setTimeout(() => void ask(), pollMs);
    };
    void ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // The entry's key names everything the request depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return { status, failed };
}

/** The site's last build: when, success or failure and why, in the editor's language. */
function BuildSummary({ status, failed }: { status: SiteStatus | undefined; failed: boolean }) {
  const { formatMessage, formatDate } = useIntl();
  const t = (key: string, values?: Record<string, string>) =>
    formatMessage({ id: id(key), defaultMessage: key }, values);
  const time = (iso: string) => formatDate(iso, { dateStyle: 'medium', timeStyle: 'medium' });
  if (failed) return <Typography textColor="danger600">{t('error')}</Typography>;
  if (!status) return <Typography textColor="neutral600">{t('loading')}</Typography>;
  if (!status.configured) return <Typography textColor="neutral600">{t('unconfigured')}</Typography>;
  if (!status.reachable)
    return (
      <Typography textColor="danger600" data-site-status="unreachable">
        {t('unreachable')}
      </Typography>
    );
  const { last } = status;
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      {last ? (
        <Box data-site-status={last.result}>
          <Typography variant="delta" tag="p" textColor={last.result === 'success' ? 'success600' : 'danger600'}>
            {last.result === 'success' ? t(status.mode === 'ci' && !status.ciRun ? 'handed' : 'success') : t('failure')}
          </Typography>
          <Typography variant="pi" tag="p" textColor="neutral600">
            <time dateTime={last.finishedAt}>{time(last.finishedAt)}</time>
          </Typography>
          {last.result === 'failure' && (
            <>
              <Typography tag="p">{t(`failure.${last.failure ?? 'build-error'}`)}</Typography>
              <Typography tag="p">{t('kept')}</Typography>
              {last.message && (
                <details>
                  <summary>
                    <Typography variant="pi">{t('details')}</Typography>
                  </summary>
                  <Typography variant="pi" tag="p" lang="en">
                    {last.message}
                  </Typography>
                </details>
              )}
            </>
          )}
        </Box>
      ) : (
        <Typography textColor="neutral600">{t('never')}</Typography>
      )}
      {status.building && <Typography>{t('building', { time: time(status.building) })}</Typography>}
      {status.ciRun && (
        <Link href={status.ciRun} isExternal>
          {t('ciRun')}
        </Link>
      )}
      {!status.building && status.queued > 0 && <Typography>{t('queued')}</Typography>}
    </Flex>
  );
}

/** The homepage widget: the site's last build and a link to the site. */
export function SiteStatusWidget() {
  const { formatMessage } = useIntl();
  const { status, failed } = useSiteStatus();
  return (
    <Flex direction="column" alignItems="stretch" gap={3} padding={1} data-site-status-widget="">
      <BuildSummary status={status} failed={failed} />
      {status?.siteUrl && (
        <Link href={status.siteUrl} isExternal>
          {formatMessage({ id: id('site'), defaultMessage: 'Open the public site' })}
        </Link>
      )}
    </Flex>
  );
}

const entryTone: Record<EntryLiveState, 'success600' | 'danger600' | 'neutral800'> = {
  live: 'success600',
  unpublished: 'neutral800',
  'edition-unpublished': 'neutral800',
  building: 'neutral800',
  failed: 'danger600',
  waiting: 'neutral800',
  'handed-to-ci': 'neutral800',
};

function EntryStatus({
  uid,
  documentId,
  locale,
  version,
}: {
  uid: string;
  documentId: string;
  locale: string;
  version: string;
}) {
  const { formatMessage } = useIntl();
  const { status, failed } = useSiteStatus({ uid, documentId, locale }, version);
  const entry = status?.entry;
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%">
      {entry && (
        <Box data-entry-status={entry.state}>
          <Typography tag="p" fontWeight="bold" textColor={entryTone[entry.state]}>
            {formatMessage({ id: id(`entry.${entry.state}`), defaultMessage: entry.state })}
          </Typography>
          {entry.url && (
            <Link href={entry.url} isExternal>
              {formatMessage({ id: id('entry.page'), defaultMessage: 'Open its public page' })}
            </Link>
          )}
        </Box>
      )}
      <BuildSummary status={status} failed={failed} />
    </Flex>
  );
}

/** What the content manager hands an edit-view panel (the part this one reads). */
interface PanelProps {
  model: string;
  documentId?: string;
  document?: { locale?: unknown; updatedAt?: unknown; publishedAt?: unknown };
  meta?: { availableStatus?: { publishedAt?: unknown }[] };
}

/** The edit view's panel: where this entry stands on the site, and the site's last build. */
export const SiteStatusPanel = ({ model, documentId, document, meta }: PanelProps) => {
  const { formatMessage } = useIntl();
  if (!model.startsWith('api::') || !documentId) return null;
  const locale = typeof document?.locale === 'string' ? document.locale : 'ja';
  return {
    title: formatMessage({ id: id('title'), defaultMessage: 'Is the site live?' }),
    content: (
      <EntryStatus
        uid={model}
        documentId={documentId}
        locale={locale}
        version={JSON.stringify([document?.updatedAt, document?.publishedAt, meta?.availableStatus])}
      />
    ),
  };
};
