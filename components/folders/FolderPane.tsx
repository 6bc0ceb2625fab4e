'use client';

import { useTranslations } from '@/lib/i18n/client';
import type { FolderDto } from '@/lib/types';
import { FolderTree } from './FolderTree';
import { QuotaMeter } from './QuotaMeter';
import type { FolderAdmin } from './use-folder-admin';

interface Props {
  username: string;
  visible: boolean;
  folders: FolderDto[] | null;
  error: string | null;
  selected: string;
  onSelect: (path: string) => void;
  /** The URL of a folder's list: folders are links. */
  folderHref: (path: string) => string;
  /** Closes the drawer (tablets: the tree opens over the list). */
  onClose: () => void;
  onRetry: () => void;
  onDropMessages: (ids: string[], path: string) => void;
  admin: FolderAdmin;
  showUnsubscribed: boolean;
  setShowUnsubscribed: (show: boolean) => void;
  onCompose: () => void;
  onSignOut: () => void;
}

/** The left pane: Compose, the folder tree and its settings, sign-out. */
export function FolderPane(props: Props) {
  const t = useTranslations('mail.folders');
  return (
    <>
      {props.visible && <div className="drawer-backdrop" onClick={props.onClose} />}
      <aside
        aria-label={t('folders')}
        className={`${props.visible ? 'folder-drawer flex' : 'hidden panes:flex'} w-full flex-col border-e border-slate-200 bg-slate-50 md:w-64 md:shrink-0`}
      >
        <div className="flex items-center justify-between px-4 py-3">
          <span className="text-lg font-semibold text-sky-800">Wren</span>
          <span className="truncate text-xs text-slate-500" title={props.username}>
            {props.username}
          </span>
        </div>
        <button type="button" onClick={props.onCompose} className="mx-3 mb-2 rounded-lg bg-sky-700 px-4 py-2 text-sm font-semibold text-white hover:bg-sky-800">
          {t('compose')}
        </button>
        <FolderTree
          folders={props.folders}
          error={props.error}
          selected={props.selected}
          onSelect={props.onSelect}
          folderHref={props.folderHref}
          onRetry={props.onRetry}
          onDropMessages={props.onDropMessages}
          admin={props.admin}
        />
        <QuotaMeter refreshKey={props.folders} />
        <div className="flex flex-col gap-1 px-3 pt-2 text-xs">
          <button type="button" onClick={() => props.admin.create(null)} className="self-start rounded px-2 py-1 text-sky-800 hover:bg-white">
            {t('newFolder')}
          </button>
          <label className="flex items-center gap-1 text-slate-600">
            <input type="checkbox" checked={props.showUnsubscribed} onChange={(e) => props.setShowUnsubscribed(e.target.checked)} />
            {t('showUnsubscribed')}
          </label>
        </div>
        <div className="m-3 flex items-center gap-2 text-sm">
          {/* A plain link: next/link would add its code to the mail view's budget for one click. */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
          <a href="/settings" className="rounded px-3 py-2 text-sky-800 hover:bg-white">
            {t('settings')}
          </a>
          <button type="button" onClick={props.onSignOut} className="rounded border border-slate-300 px-3 py-2 hover:bg-white">
            {t('signOut')}
          </button>
        </div>
      </aside>
    </>
  );
}
