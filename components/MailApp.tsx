'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { apiRequest } from '@/lib/api-client';
import type { FolderDto, MessagePageDto, MessageSummaryDto } from '@/lib/types';
import { FolderTree } from './FolderTree';
import { MessageList } from './MessageList';
import { MessageView } from './MessageView';
import { useMessagePages } from './use-message-pages';

type Pane = 'folders' | 'list' | 'message';

interface Props {
  username: string;
  initialFolders: FolderDto[] | null;
  initialPage: MessagePageDto | null;
}

/**
 * The three panes. Desktop shows all three; tablet the list (or folders) and the message;
 * a phone one pane at a time with back controls.
 */
export function MailApp({ username, initialFolders, initialPage }: Props) {
  const [folders, setFolders] = useState<FolderDto[] | null>(initialFolders);
  const [folderError, setFolderError] = useState<string | null>(null);
  const [folder, setFolder] = useState('INBOX');
  const [openId, setOpenId] = useState<string | null>(null);
  const [pane, setPane] = useState<Pane>('list');
  const pages = useMessagePages(folder, initialPage);
  const router = useRouter();

  const refreshFolders = useCallback(
    () =>
      apiRequest<{ folders: FolderDto[] }>('/api/folders').then(
        (data) => {
          setFolders(data.folders);
          setFolderError(null);
        },
        (error: Error) => setFolderError(error.message),
      ),
    [],
  );

  useEffect(() => {
    // First paint had no folders (mail server down then): fetch them now.
    if (!initialFolders) void refreshFolders();
  }, [initialFolders, refreshFolders]);

  const selectFolder = useCallback((path: string) => {
    setFolder(path);
    setOpenId(null);
    setPane('list');
  }, []);

  const openMessage = useCallback((message: MessageSummaryDto) => {
    setOpenId(message.id);
    setPane('message');
  }, []);

  const { updateMessage } = pages;
  const onSeenChange = useCallback(
    (id: string, seen: boolean) => {
      updateMessage(id, { seen });
      setFolders((prev) =>
        prev?.map((f) =>
          f.path === folder && f.unread !== null ? { ...f, unread: Math.max(0, f.unread + (seen ? -1 : 1)) } : f,
        ) ?? prev,
      );
    },
    [updateMessage, folder],
  );

  async function signOut() {
    try {
      await apiRequest('/api/session', { method: 'DELETE' });
    } finally {
      router.replace('/login');
    }
  }

  const folderName = folders?.find((f) => f.path === folder)?.name ?? folder;

  return (
    <div className="flex h-full overflow-hidden">
      <aside
        aria-label="Folders"
        className={`${pane === 'folders' ? 'flex' : 'hidden lg:flex'} w-full flex-col border-r border-slate-200 bg-slate-50 md:w-64 md:shrink-0`}
      >
        <div className="flex items-center justify-between px-4 py-3">
          <span className="text-lg font-semibold text-sky-800">Wren</span>
          <span className="truncate text-xs text-slate-500" title={username}>
            {username}
          </span>
        </div>
        <FolderTree folders={folders} error={folderError} selected={folder} onSelect={selectFolder} onRetry={refreshFolders} />
        <button type="button" onClick={signOut} className="m-3 rounded border border-slate-300 px-3 py-2 text-sm hover:bg-white">
          Sign out
        </button>
      </aside>
      <section
        aria-label="Message list"
        className={`${pane === 'list' ? 'flex' : pane === 'message' ? 'hidden md:flex' : 'hidden lg:flex'} w-full min-w-0 flex-col border-r border-slate-200 md:w-[24rem] md:shrink-0 xl:w-[28rem]`}
      >
        <header className="flex items-center gap-2 border-b border-slate-200 px-3 py-2">
          <button
            type="button"
            onClick={() => setPane('folders')}
            className="rounded px-2 py-1 text-sm text-sky-800 hover:bg-slate-100 lg:hidden"
            aria-label="Show folders"
          >
            ‹ Folders
          </button>
          <h1 className="truncate font-semibold">{folderName}</h1>
          <span className="ml-auto text-xs text-slate-500">{pages.total ?? ''}</span>
        </header>
        <MessageList pages={pages} folder={folder} selectedId={openId} onOpen={openMessage} />
      </section>
      <main
        aria-label="Message"
        className={`${pane === 'message' ? 'flex' : 'hidden md:flex'} min-w-0 flex-1 flex-col`}
      >
        <MessageView id={openId} onBack={() => setPane('list')} onSeenChange={onSeenChange} />
      </main>
    </div>
  );
}
