'use client';

import { useTranslations } from '@/lib/i18n/client';
import { Fragment, memo, useMemo, useState, useSyncExternalStore } from 'react';
import type { FolderDto } from '@/lib/types';
import { lazyModule } from '../ui/use-lazy-module';
import { Icon } from '../ui/icons';
import { isPlainClick } from '../ui/link-click';
import { DRAG_TYPE } from '../ui/drag';
import { FolderMenu } from './FolderMenu';
import type { FolderAdmin } from './use-folder-admin';

// The tree's arrow keys (tree-keys.ts), fetched when the tree first takes focus.
const treeKeys = lazyModule(() => import('./tree-keys'));
const preloadKeys = () => void treeKeys.load().catch(() => undefined);
const COLLAPSED = 'wren.collapsedFolders';

// Collapsed parents, remembered in this browser (localStorage): the server renders the tree with
// none, so hydration takes that, and the browser's copy follows in the commit after (reading it
// in the first render made the tree differ from the server's HTML, and React then threw the
// hydration away and rendered the whole mail view again). A change in another tab follows too.
const COLLAPSED_CHANGE = 'wren:collapsed-folders';
function readCollapsed() {
  try {
    return localStorage.getItem(COLLAPSED) ?? '[]';
  } catch {
    return '[]'; // no storage (a locked-down browser): nothing is remembered
  }
}
function onCollapsedChange(notify: () => void) {
  addEventListener('storage', notify);
  addEventListener(COLLAPSED_CHANGE, notify);
  return () => {
    removeEventListener('storage', notify);
    removeEventListener(COLLAPSED_CHANGE, notify);
  };
}
function parseCollapsed(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

interface Props {
  folders: FolderDto[] | null;
  error: string | null;
  selected: string;
  onSelect: (path: string) => void;
  folderHref: (path: string) => string;
  onRetry: () => void;
  /** Messages dragged from the list and dropped on a folder. */
  onDropMessages: (ids: string[], path: string) => void;
  admin: FolderAdmin;
}

/**
 * The folder tree. Memoized: the mail view renders again on every move of the list's cursor, an
 * open or a toast, and the tree (one item per folder, a shared mailbox's many) need not, unless
 * its folders, the selected one or its handlers changed (MailApp keeps those stable).
 */
export const FolderTree = memo(function FolderTree({ folders, error, selected, onSelect, folderHref, onRetry, onDropMessages, admin }: Props) {
  const t = useTranslations('mail.folders');
  // The Inbox in the user's language; other folders as the server names them.
  const nameOf = (f: FolderDto) => (f.path === 'INBOX' ? t('inbox') : f.name);
  // Collapsed parents, remembered in this browser; the tree item with focus (roving tabindex).
  const collapsedJson = useSyncExternalStore(onCollapsedChange, readCollapsed, () => '[]');
  const collapsed = useMemo(() => parseCollapsed(collapsedJson), [collapsedJson]);
  const [focused, setFocused] = useState<string | null>(null);
  const toggle = (path: string) => {
    const next = collapsed.includes(path) ? collapsed.filter((p) => p !== path) : [...collapsed, path];
    localStorage.setItem(COLLAPSED, JSON.stringify(next));
    dispatchEvent(new Event(COLLAPSED_CHANGE));
  };
  if (error && !folders) {
    return (
      <div role="alert" className="m-3 rounded bg-red-50 p-3 text-sm text-red-700">
        {error}{' '}
        <button type="button" className="underline" onClick={onRetry}>
          {t('retry')}
        </button>
      </div>
    );
  }
  if (!folders) return <p className="px-4 text-sm text-slate-500">{t('loading')}</p>;
  const parents = new Set(folders.map((f) => f.parentPath));
  const hidden = new Set<string | null>();
  const tabStop = focused ?? selected;
  return (
    <nav className="flex-1 overflow-y-auto px-2">
      <ul
        role="tree"
        aria-label={t('tree')}
        onFocus={preloadKeys}
        onKeyDown={(e) => {
          const item = e.target as HTMLElement;
          if (item.getAttribute('role') !== 'treeitem' || !/^(Arrow(Up|Down|Left|Right)|Home|End|Enter)$/.test(e.key)) return;
          e.preventDefault();
          void treeKeys.load().then((m) => m.onTreeKey(item, e.key, toggle));
        }}
      >
        {folders.map((folder, i) => {
          if (hidden.has(folder.parentPath) || collapsed.includes(folder.parentPath!)) return void hidden.add(folder.path);
          const parent = parents.has(folder.path);
          const open = !collapsed.includes(folder.path);
          // Headings, rows of the tree too: "Shared with me" and each owner's name, "Public folders".
          const ns = folder.namespace;
          const before = folders[i - 1];
          const level = ns === 'shared' ? 3 : ns === 'public' ? 2 : 1;
          const headings = [ns !== 'personal' && before?.namespace !== ns && (ns === 'shared' ? t('sharedWithMe') : t('publicFolders')), ns === 'shared' && before?.owner !== folder.owner && folder.owner];
          return (
            <Fragment key={folder.path}>
              {headings.map(
                (text, h) =>
                  text && (
                    <li key={h} role="treeitem" tabIndex={-1} aria-level={h + 1} aria-selected={false} className={`${h ? 'pl-5' : 'pl-3'} pt-3 text-xs font-semibold text-slate-600`}>
                      {text}
                    </li>
                  ),
              )}
              <li
                role="treeitem"
                aria-selected={folder.path === selected}
                aria-level={folder.depth + level}
                aria-expanded={parent ? open : undefined}
                aria-label={folder.unread ? t('unreadLabel', { folder: nameOf(folder), n: String(folder.unread) }) : nameOf(folder)}
                data-path={folder.path}
                tabIndex={tabStop === folder.path ? 0 : -1}
                onFocus={(e) => e.target === e.currentTarget && setFocused(folder.path)}
                className={`relative flex items-center rounded focus-visible:outline-2 focus-visible:outline-sky-700 ${folder.subscribed ? '' : 'italic'}`}
              >
                {parent && (
                  // The mouse's way to expand and collapse; the keyboard's are the arrow keys.
                  <span
                    aria-hidden="true"
                    onClick={() => toggle(folder.path)}
                    className="absolute cursor-pointer text-xs text-slate-600"
                    style={{ left: `${folder.depth}rem` }}
                  >
                    {open ? '▾' : '▸'}
                  </span>
                )}
                {/* A link to the folder's list; a folder that holds no mail itself is no link. */}
                <a
                  href={folder.selectable ? folderHref(folder.path) : undefined}
                  tabIndex={-1}
                  aria-disabled={!folder.selectable || undefined}
                  aria-current={folder.path === selected ? 'page' : undefined}
                  onClick={(e) => {
                    if (!folder.selectable) e.preventDefault();
                    else if (isPlainClick(e)) onSelect(folder.path);
                  }}
                  onDragOver={(e) => {
                    if (folder.selectable && folder.path !== selected && e.dataTransfer.types.includes(DRAG_TYPE)) e.preventDefault();
                  }}
                  onDrop={(e) => {
                    e.preventDefault();
                    const ids = JSON.parse(e.dataTransfer.getData(DRAG_TYPE) || '[]') as string[];
                    if (ids.length) onDropMessages(ids, folder.path);
                  }}
                  data-folder-path={folder.path}
                  data-role={folder.role ?? undefined}
                  style={{ paddingLeft: `${0.75 + folder.depth * 1}rem` }}
                  className={`flex min-w-0 flex-1 items-center gap-2 rounded py-1.5 pr-2 text-left text-sm ${
                    folder.path === selected ? 'bg-sky-100 font-semibold text-sky-900' : 'hover:bg-slate-100'
                  } aria-disabled:text-slate-600`}
                >
                  <Icon name={folder.role ?? 'folder'} className="h-4 w-4 shrink-0 text-slate-500" />
                  <span className="folder-name truncate">{nameOf(folder)}</span>
                  {folder.unread ? (
                    <span className="unread-count ml-auto rounded-full bg-sky-700 px-2 text-xs text-white" aria-label={`${folder.unread} unread`}>
                      {folder.unread}
                    </span>
                  ) : null}
                </a>
                <FolderMenu folder={folder} admin={admin} tabbable={tabStop === folder.path} />
              </li>
            </Fragment>
          );
        })}
      </ul>
    </nav>
  );
});
