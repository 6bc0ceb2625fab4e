'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { INBOX_VIEW, mailUrl, type MailView } from '@/lib/mail-url';
import { apiRequest } from '@/lib/api-client';
import { hasRights, isReadOnly } from '@/lib/folder-rights';
import { decodeMessageId } from '@/lib/message-id';
import { sortOf, type SortOrder } from '@/lib/sort';
import type { FolderDto, MessagePageDto, MessageSummaryDto } from '@/lib/types';
import { LazyComposer } from '../compose/LazyComposer';
import { useComposer } from '../compose/use-composer';
import { FolderPane } from '../folders/FolderPane';
import { MessageList } from '../list/MessageList';
import { MessageView } from '../message/MessageView';
import { wantAhead } from '../message/ahead';
import { SearchBox } from '../search/SearchBox';
import { Toasts, useToasts } from './Toasts';
import { Toolbar } from '../list/Toolbar';
import { SortControl } from '../list/SortControl';
import { NO_RESULTS_YET } from '../search/no-results-yet';
import type { AllFolderResults } from '../search/use-all-folder-search';
import { useFolderAdmin } from '../folders/use-folder-admin';
import { useFolders } from '../folders/use-folders';
import { useInboxNotice } from './use-inbox-notice';
import { lazyModule, useLazyModule } from '../ui/use-lazy-module';
import { useLiveUpdates } from './use-live-updates';
import { useMailActions, type Target } from './use-mail-actions';
import { useMailUrl } from './use-mail-url';
import { useMessagePages } from '../list/use-message-pages';
import { useSelection } from '../list/use-selection';
import { useShortcuts } from './use-shortcuts';
import { useTouchUi } from './use-touch-ui';
import { forgetPushNote } from '@/lib/push-note';
import { usePushRenewal } from './use-push-renewal';
import { paneFocus } from './pane-focus';

// The shortcut help (`?`) is fetched when first asked for; the open message's actions when one opens.
const shortcutHelp = lazyModule(() => import('./ShortcutHelp'));
const messageActions = lazyModule(() => import('../message/MessageActions'));
// The "select all N results" bar of a search, when there is a search.
const selectAllResultsBar = lazyModule(() => import('../list/SelectAllResultsBar'));
// A search in all folders, with the first one.
const allFolderSearch = lazyModule(() => import('../search/AllFolderSearchHost'));
// An open conversation (its stack, n/p), when a conversation's row opens.
const conversationView = lazyModule(() => import('./conversation/ConversationView'));
// Scheduled and Snoozed: their times and actions, when one of them is shown.
const jobsPanel = lazyModule(() => import('../scheduler/JobsPanel'));

interface Props {
  username: string;
  initialFolders: FolderDto[] | null;
  initialPage: MessagePageDto | null;
  // From the user's settings, read by the page: list row height, mark-as-read delay, Undo window.
  rowHeight: number;
  markReadMs: number;
  undoMs: number;
  /** `ui.conversations`: the folder's rows are conversations. */
  threads?: boolean;
  /** Each folder's chosen list order (the settings' ui.folderSort). */
  folderSort?: Record<string, string>;
  /** The request says a phone (Sec-CH-UA-Mobile): the server renders the phone's view. */
  mobile?: boolean;
}

/**
 * The three panes. Desktop shows all three; tablet the list (or folders) and the message;
 * a phone one pane at a time with back controls.
 */
export function MailApp({ username, initialFolders, initialPage, rowHeight, markReadMs, undoMs, threads, folderSort, mobile }: Props) {
  const t = useTranslations('mail');
  usePushRenewal(username);
  const { folders, error: folderError, showUnsubscribed, setShowUnsubscribed, refreshFolders, applyCounts, adjustUnread } = useFolders(initialFolders);
  // What is shown is the URL's (lib/mail-url.ts): folder, open message, search, compose.
  const { view, go, leave } = useMailUrl();
  const { folder, id: openId, q: query, scope } = view;
  const pane = openId ? 'message' : view.folders ? 'folders' : 'list';
  const [cursor, setCursor] = useState(0);
  const [moveOpen, setMoveOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const help = useLazyModule(shortcutHelp, helpOpen);
  const resultsBar = useLazyModule(selectAllResultsBar, view.q !== '');
  const jobsFolder = !query && (folder === 'Scheduled' || folder === 'Snoozed');
  const jobs = useLazyModule(jobsPanel, jobsFolder);
  const searchRef = useRef<HTMLInputElement>(null);
  const searchingAll = scope !== 'folder' && query !== '';
  const [sorts, setSorts] = useState(folderSort ?? {});
  const sort = sortOf(sorts, folder);
  const folderPages = useMessagePages(folder, initialPage, scope === 'folder' ? query : '', sort, threads);
  const searchHost = useLazyModule(allFolderSearch, searchingAll);
  const [allFolderResults, setAllFolderResults] = useState<AllFolderResults | null>(null);
  const allResults = allFolderResults ?? NO_RESULTS_YET;
  // Results from all folders behave like a folder's list: same rows, selection and actions.
  const pages = searchingAll ? allResults : folderPages;
  const selection = useSelection(`${folder}\u0000${scope}\u0000${query}`, pages);
  const toasts = useToasts(undoMs);
  // The service worker keeps this view's folders and first page for reading offline, and sends
  // the changes made offline (lib/offline/worker.ts; its notices show through lib/pwa/boot.ts).
  useEffect(() => {
    // None on an insecure origin (plain http off localhost).
    if ('serviceWorker' in navigator) navigator.serviceWorker.controller?.postMessage({ wren: 'shown', user: username, folders: initialFolders, page: initialPage });
  }, [username, initialFolders, initialPage]);
  // What other devices and mail programs change shows here within about a second.
  useLiveUpdates({ pages: folderPages, onFolderCounts: applyCounts });
  const news = useInboxNotice(folders);
  // Phones and touch screens: selection mode, gestures, the message's bars (loaded lazily).
  const touch = useTouchUi(mobile);

  // The list this view belongs to, and the way back to it (Back, the app's back controls, `u`).
  const listView = useMemo<MailView>(() => ({ ...view, id: null, compose: null, folders: false }), [view]);
  const toList = useCallback(
    () => (paneFocus.want = 'list') && leave(listView, (v) => !v.id && !v.compose && !v.folders && v.folder === listView.folder && v.q === listView.q && v.scope === listView.scope),
    [leave, listView],
  );
  const hrefOf = useCallback((message: MessageSummaryDto) => mailUrl({ ...listView, id: message.id }), [listView]);

  const { clear: clearSelection } = selection;
  const onRemoved = useCallback(
    (target: Target) => {
      clearSelection();
      // Focus goes to the list's current row (the next message): the row, menu or open message
      // that had it is going.
      paneFocus.want = 'list';
      // The message taken away is no longer a place to come back to.
      if (openId && (target.all || target.results || target.ids.includes(openId))) go(listView, { replace: true });
    },
    [clearSelection, openId, go, listView],
  );

  const actions = useMailActions({ folder: searchingAll ? null : folder, folders, pages, showToast: toasts.show, refreshFolders, onRemoved });
  const { roleOf } = actions;
  const composer = useComposer({
    showToast: toasts.show,
    refreshFolders,
    refreshList: pages.refresh,
    viewingDrafts: roleOf(folder) === 'drafts',
    view,
    go,
    leave,
  });
  const { compose } = composer;

  const selectFolder = useCallback(
    (path: string) => {
      setCursor(0);
      go({ ...INBOX_VIEW, folder: path });
    },
    [go],
  );
  const folderHref = useCallback((path: string) => mailUrl({ ...INBOX_VIEW, folder: path }), []);
  // Messages dropped on a folder of the tree; stable, so the memoized tree does not render again.
  const { move } = actions;
  const moveDropped = useCallback((ids: string[], path: string) => void move({ ids, all: false }, path), [move]);

  const admin = useFolderAdmin({
    showToast: toasts.show,
    refreshFolders,
    onDeleted: (path) => path === folder && selectFolder('INBOX'),
  });

  // The user moved in the list: the cursor's rows are fetched ahead from now on (../message/ahead.ts).
  const moveCursor = useCallback((index: number) => {
    wantAhead(null);
    setCursor(index);
  }, []);

  const openMessage = useCallback(
    (message: MessageSummaryDto, index: number) => {
      moveCursor(index);
      // A draft opens where it can be finished: in the composer.
      if (roleOf(message.folder) === 'drafts') return compose({ kind: 'draft', id: message.id });
      paneFocus.want = 'message';
      go({ ...listView, id: message.id });
    },
    [roleOf, compose, go, listView, moveCursor],
  );

  const { updateMessage } = pages;
  const onSeenChange = useCallback(
    (id: string, seen: boolean) => {
      updateMessage(id, { seen });
      adjustUnread(decodeMessageId(id)?.path, seen);
    },
    [updateMessage, adjustUnread],
  );

  async function signOut() {
    // This browser stops renewing the user's notifications (the server drops the device).
    forgetPushNote();
    try {
      await apiRequest('/api/session', { method: 'DELETE' });
    } finally {
      // A full load: nothing of the signed-out view stays in memory.
      location.replace('/login');
    }
  }

  // Actions apply to the selection, else the open message, else the message under the cursor.
  const cursorMessage = pages.messageAt(cursor);
  const target = useMemo<Target | null>(
    () => selection.target ?? (openId ? { ids: [openId], all: false } : cursorMessage ? { ids: [cursorMessage.id], all: false } : null),
    [selection.target, openId, cursorMessage],
  );

  const step = useCallback(
    (delta: number) => {
      const next = Math.min(Math.max(0, cursor + delta), Math.max(0, (pages.total ?? 1) - 1));
      moveCursor(next);
      const message = pages.messageAt(next);
      // j and k move the open message, and the URL with it (in place: Back still leaves the message).
      if (openId && message) go({ ...listView, id: message.id }, { replace: true });
    },
    [cursor, pages, openId, go, listView, moveCursor],
  );

  // Fetched ahead: the cursor's row and the next two, but not the open one, a conversation (its
  // view fetches the stack) or a draft (it opens in the composer).
  const aheadOf = (m?: MessageSummaryDto) => (m && !m.conversation && roleOf(m.folder) !== 'drafts' && m.id !== openId ? m.id : '');
  const aheadKey = [0, 1, 2].map((d) => aheadOf(pages.messageAt(cursor + d))).join(' ');
  useEffect(() => wantAhead(aheadKey.split(' ')), [aheadKey]);

  useShortcuts({ step, cursor, cursorMessage, openMessage, openId, toList, selection, target, actions, toasts, compose, setMoveOpen, setHelpOpen, searchRef });

  // While searching, "select all" ticks the loaded results; the bar then offers every result.
  const loaded = query ? pages.loadedMessages() : [];
  const selectAllShown = query ? () => selection.selectIds(pages.loadedMessages().map((m) => m.id)) : selection.selectAll;
  const touchProps = { phone: touch.phone, pages, selection, actions, folders: folders ?? [], folder: searchingAll ? '' : folder, selectAll: selectAllShown };
  // A phone's open message: a top bar (Back, Archive, Delete, More) and answers at the bottom.
  const desktopActions = useLazyModule(messageActions, !!openId && !touch.phone);
  const OpenActions = touch.phone ? touch.ui?.PhoneMessageBars : desktopActions?.MessageActions;
  const allLoadedSelected = loaded.length > 0 && loaded.every((m) => selection.isSelected(m.id));

  const nameOf = useCallback((path: string) => folders?.find((f) => f.path === path)?.name ?? path, [folders]);
  const folderName = folder === 'INBOX' ? t('list.inbox') : nameOf(folder);
  const openFolder = (openId && decodeMessageId(openId)?.path) || folder;
  // A shared or public folder's rights (RFC 4314); unknown across all folders: the server decides.
  const rightsOf = (path: string) => folders?.find((f) => f.path === path)?.rights;
  const rights = searchingAll ? undefined : rightsOf(folder);
  const openRow = pages.loadedMessages().find((m) => m.id === openId);
  // A conversation's row opens its stack (the plain message shows while that code loads).
  const stack = useLazyModule(conversationView, !!openRow?.conversation);
  const OpenView = (openRow?.conversation && stack?.ConversationView) || MessageView;

  return (
    <div className="flex h-full overflow-hidden">
      <FolderPane
        username={username}
        visible={pane === 'folders'}
        folderHref={folderHref}
        folders={folders}
        error={folderError}
        selected={folder}
        onSelect={selectFolder}
        onClose={toList}
        onRetry={refreshFolders}
        onDropMessages={moveDropped}
        admin={admin}
        showUnsubscribed={showUnsubscribed}
        setShowUnsubscribed={setShowUnsubscribed}
        onCompose={() => compose({ kind: 'new' })}
        onSignOut={() => void signOut()}
      />
      <section
        aria-label={t('list.region')}
        className={`${pane === 'list' ? 'flex' : 'hidden md:flex'} w-full min-w-0 flex-col border-e border-slate-200 md:w-[24rem] md:shrink-0 xl:w-[30rem]`}
      >
        {touch.ui && touch.phone && selection.count > 0 ? (
          <touch.ui.SelectionBar {...touchProps} />
        ) : (
          <header className="flex items-center gap-2 border-b border-slate-200 px-3 py-2">
            <button
              type="button"
              onClick={() => leave({ ...listView, folders: true }, (v) => v.folders)}
              className="rounded px-2 py-1 text-sm text-sky-800 hover:bg-slate-100 panes:hidden"
              aria-label={t('list.showFolders')}
            >
              ‹ {t('folders.folders')}
            </button>
            <h1 className="truncate font-semibold">{searchingAll ? t('searchAll') : query ? t('searchIn', { folder: folderName }) : folderName}</h1>
            {isReadOnly(rights) && <span className="text-xs text-slate-500">{t('list.readOnly')}</span>}
            <span className="ms-auto text-xs text-slate-500">{pages.total ?? ''}</span>
            {!query && folderPages.canSort && (
              <SortControl
                folder={folder}
                sort={sort}
                onChoose={(next: SortOrder) => setSorts((all) => ({ ...all, [folder]: next }))}
                onSaveFailed={(text) => toasts.show({ text, kind: 'error' })}
              />
            )}
            {touch.ui && <touch.ui.ListMenu {...touchProps} />}
            <button type="button" onClick={() => compose({ kind: 'new' })} className="rounded bg-sky-700 px-3 py-1 text-sm font-semibold text-white hover:bg-sky-800 panes:hidden">
              {t('list.compose')}
            </button>
          </header>
        )}
        <SearchBox
          key={folder}
          folder={folder}
          ref={searchRef}
          query={query}
          scope={scope}
          onSearch={(q, nextScope) => {
            setCursor(0);
            go({ ...listView, q, scope: nextScope });
          }}
        />
        <Toolbar
          actions={actions}
          selection={selection}
          target={target}
          folders={folders ?? []}
          folder={searchingAll ? '' : folder}
          total={pages.total}
          moveOpen={moveOpen}
          setMoveOpen={setMoveOpen}
          selectAll={selectAllShown}
          allLoadedSelected={allLoadedSelected}
        />
        {jobsFolder && jobs && <jobs.JobsPanel key={folder} folder={folder} compose={composer.compose} pages={pages} refreshFolders={refreshFolders} showToast={toasts.show} />}
        {query && resultsBar && <resultsBar.SelectAllResultsBar selection={selection} loaded={loaded.length} allLoadedSelected={allLoadedSelected} resultSet={pages.resultSet} />}
        <MessageList
          pages={pages}
          folder={folder}
          folderLabel={searchingAll ? nameOf : undefined}
          emptyText={query ? t('list.emptySearch') : t('list.emptyFolder')}
          selectedId={openId}
          cursor={cursor}
          selection={selection}
          onOpen={openMessage}
          onStep={step}
          onCursor={moveCursor}
          onHover={(m) => wantAhead(null, aheadOf(m))}
          hrefOf={hrefOf}
          rowHeight={rowHeight}
          onStar={hasRights(rights, 'w') ? (m) => void actions.setFlags({ ids: [m.id], all: false }, { flagged: !m.flagged }) : undefined}
        />
        {searchingAll && searchHost && <searchHost.AllFolderSearchHost q={query} shared={scope === 'shared'} onChange={setAllFolderResults} />}
      </section>
      <main aria-label={t('message.region')} className={`${pane === 'message' ? 'flex' : 'hidden md:flex'} min-w-0 flex-1 flex-col max-md:pb-14`}>
        <OpenView
          id={openId}
          onBack={toList}
          folderName={nameOf(openFolder)}
          onSeenChange={onSeenChange}
          markReadMs={markReadMs}
          onMailto={composer.composeMailto}
          bare={!!touch.ui && touch.phone}
          canMarkRead={hasRights(rightsOf(openFolder), 's')}
          seen={openRow?.seen}
          actions={
            openId &&
            OpenActions && (
              <OpenActions
                id={openId}
                flagged={openRow?.flagged ?? false}
                actions={actions}
                folders={folders ?? []}
                folder={openFolder}
                onCompose={(mode) => compose({ kind: 'reply', id: openId, mode })}
                onBack={toList}
              />
            )
          }
        />
      </main>
      {touch.ui && <touch.ui.TouchLayer {...touchProps} />}
      <Toasts toasts={toasts.toasts} dismiss={toasts.dismiss} news={news} />
      {helpOpen && help && <help.ShortcutHelp onClose={() => setHelpOpen(false)} />}
      {composer.open && (
        <LazyComposer key={composer.open.key} request={composer.open.request} onClose={composer.onClose} onDraftSaved={composer.onDraftSaved} />
      )}
    </div>
  );
}
