import { redirect } from 'next/navigation';
import { MailApp } from '@/components/mail/MailApp';
import { mailUrl, parseMailUrl } from '@/lib/mail-url';
import { mailtoOfUrl, withMailto } from '@/lib/mailto';
import type { FolderDto, MessagePageDto } from '@/lib/types';
import { listFolders } from '@/server/mail/folders';
import { listMessages } from '@/server/mail/list';
import { forgetQuota } from '@/server/mail/quota';
import { getCurrentSession } from '@/server/session/current';

export const metadata = { title: 'Mail – Wren' };

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
  // First paint comes with the folders and the first window of the folder asked for (not of a
  // search: that runs from the browser); if the mail server is down, or the folder is unknown,
  // the client shows the error and retries on its own requests.
  let folders: FolderDto[] | null = null;
  let firstPage: MessagePageDto | null = null;
  const [folderResult, pageResult] = await Promise.allSettled([
    listFolders(session),
    view.q ? Promise.resolve(null) : listMessages(session, { folder: view.folder, offset: 0, limit: 50 }),
  ]);
  if (folderResult.status === 'fulfilled') folders = folderResult.value;
  if (pageResult.status === 'fulfilled') firstPage = pageResult.value;
  return <MailApp username={session.username} initialFolders={folders} initialPage={firstPage} />;
}
