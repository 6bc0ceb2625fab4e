import { redirect } from 'next/navigation';
import { MailApp } from '@/components/mail/MailApp';
import type { FolderDto, MessagePageDto } from '@/lib/types';
import { listFolders } from '@/server/mail/folders';
import { listMessages } from '@/server/mail/list';
import { getCurrentSession } from '@/server/session/current';

export const metadata = { title: 'Mail – Wren' };

export default async function MailPage() {
  const session = await getCurrentSession();
  if (!session) redirect('/login');
  // First paint comes with the folders and the Inbox's first window; if the mail server is
  // down the client shows the error and retries on its own requests.
  let folders: FolderDto[] | null = null;
  let firstPage: MessagePageDto | null = null;
  try {
    [folders, firstPage] = await Promise.all([
      listFolders(session),
      listMessages(session, { folder: 'INBOX', offset: 0, limit: 50 }),
    ]);
  } catch {
    folders = null;
    firstPage = null;
  }
  return <MailApp username={session.username} initialFolders={folders} initialPage={firstPage} />;
}
