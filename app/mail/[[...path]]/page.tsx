import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PageI18n } from '@/lib/i18n/provider';
import { MAIL_NAMESPACES } from '@/lib/i18n/namespaces';
import { MailApp } from '@/components/mail/MailApp';
import { mailUrl, parseMailUrl } from '@/lib/mail-url';
import { mailtoOfUrl, withMailto } from '@/lib/mailto';
import { uiSettingsSchema, type UiSettings } from '@/lib/schemas';
import { listsConversations, sortOf } from '@/lib/sort';
import type { FolderDto, MessagePageDto } from '@/lib/types';
import { listFolders } from '@/server/mail/folders';
import { listConversations } from '@/server/mail/conversations/list';
import { listMessages } from '@/server/mail/list';
import { forgetQuota } from '@/server/mail/quota';
import { prepareSearch } from '@/server/mail/search';
import { getUiSettings } from '@/server/mail/settings';
import { getCurrentSession } from '@/server/session/current';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('mail'))('pageTitle') };
}

/** Every view of the mail page has a URL (lib/mail-url.ts); this renders the one asked for. */
export default async function MailPage({ params, searchParams }: PageProps<'/mail/[[...path]]'>) {
  const { path = [] } = await params;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) {
    for (const v of Array.isArray(value) ? value : [value ?? '']) query.append(key, v);
  }
  // Next hands the segments decoded; the parser takes them as the address bar has them.
  const view = parseMailUrl(path.map(encodeURIComponent), query);
  const session = await getCurrentSession();
  // Signed out, a link to a message asks for sign-in and then goes there (a mailto: link too).
  if (!session) redirect(`/login?next=${encodeURIComponent(withMailto(mailUrl(view), mailtoOfUrl(query)))}`);
  // A page load shows the quota as the server has it now (the bar's next read).
  forgetQuota(session);
  // A search URL opened (a reload of a search, a bookmark): the browser searches once the page has
  // loaded and hydrated. Meanwhile the session's search connection logs in and selects the folder,
  // as the focused search box has it do (server/mail/search.ts prepareSearch), so that search
  // waits for neither. Not awaited: the page does not wait for it, and a failure is the search's
  // to report.
  if (view.q) void prepareSearch(session, view.folder).catch(() => undefined);
  // First paint comes with the folders and the first window of the folder asked for (not of a
  // search: that runs from the browser); if the mail server is down, or the folder is unknown,
  // the client shows the error and retries on its own requests.
  // The user's preferences (settings that follow the user) come with it too: no fetch from the
  // browser, and the first paint already has the density and the reading pane.
  let folders: FolderDto[] | null = null;
  let firstPage: MessagePageDto | null = null;
  let prefs: UiSettings = uiSettingsSchema.parse({});
  // The first window is in the folder's order from the settings (lib/sort.ts), of conversations
  // when the user's setting says so and the order is by date (#21): it waits for the settings.
  const prefsRead = getUiSettings(session);
  const [folderResult, pageResult, prefsResult] = await Promise.allSettled([
    listFolders(session),
    view.q
      ? Promise.resolve(null)
      : prefsRead
          .catch(() => prefs)
          .then((ui) => {
            const sort = sortOf(ui.folderSort, view.folder);
            return listsConversations(ui.conversations, sort) ? listConversations(session, { folder: view.folder, offset: 0, limit: 50 }) : listMessages(session, { folder: view.folder, offset: 0, limit: 50, sort });
          }),
    prefsRead,
  ]);
  if (folderResult.status === 'fulfilled') folders = folderResult.value;
  if (pageResult.status === 'fulfilled') firstPage = pageResult.value;
  if (prefsResult.status === 'fulfilled') prefs = prefsResult.value;
  // Chromium says whether it is a phone's (Sec-CH-UA-Mobile): the phone's view is rendered here,
  // so its hydration matches (components/mail/use-touch-ui.ts). Other browsers: the desktop's.
  const mobile = (await headers()).get('sec-ch-ua-mobile') === '?1';
  return (
    // What only styling needs (density, reading pane: app/globals.css) and the touch UI's swipe
    // side (read by the lazily loaded components/list/swipe-setting.ts) are attributes rendered
    // here, costing the mail view's JavaScript nothing; the rest are props.
    <div className="h-full" data-density={prefs.density} data-pane={prefs.readingPane} data-swipe={prefs.swipeLeft}>
      {/* The mail view's words come with the HTML, not with its JavaScript (lib/i18n/namespaces.ts). */}
      <PageI18n namespaces={MAIL_NAMESPACES} listDates={firstPage?.messages.map((m) => m.date)}>
      <MailApp
        username={session.username}
        initialFolders={folders}
        initialPage={firstPage}
        rowHeight={prefs.density === 'compact' ? 52 : 72}
        markReadMs={prefs.markReadDelayMs}
        undoMs={prefs.undoSeconds * 1000}
        threads={prefs.conversations}
        folderSort={prefs.folderSort}
        mobile={mobile}
      />
      </PageI18n>
    </div>
  );
}
