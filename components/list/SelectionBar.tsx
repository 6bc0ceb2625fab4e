'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useState } from 'react';
import { hasRights } from '@/lib/folder-rights';
import type { FolderDto } from '@/lib/types';
import { ActionIcon } from '../ui/action-icons';
import { ICON_BUTTON, MoreMenu } from '../ui/MoreMenu';
import { MoveMenuFor } from '../ui/MoveMenu';
import type { MailActions, Target } from '../mail/use-mail-actions';
import { useHistoryLayer } from '../mail/use-history-layer';
import type { SelectionState } from './use-selection';

interface Props {
  selection: SelectionState;
  actions: MailActions;
  folders: FolderDto[];
  /** The folder shown ('' for results from all folders). */
  folder: string;
  selectAll: () => void;
}

/**
 * A phone's selection mode: shown instead of the list's header while rows are selected. The
 * browser's Back leaves it, as the close button does.
 */
export function SelectionBar({ selection, actions, folders, folder, selectAll }: Props) {
  const t = useTranslations('mail.list');
  const [moveOpen, setMoveOpen] = useState(false);
  useHistoryLayer(true, selection.clear);
  const target = selection.target;
  const run = (fn: (t: Target) => unknown) => () => target && void fn(target);
  // A shared or public folder's rights (RFC 4314): s for read, w for star, t and e to take out.
  const rights = folders.find((f) => f.path === folder)?.rights;
  const takeOut = hasRights(rights, 'te');
  const flags = (label: string, patch: { seen?: boolean; flagged?: boolean }, right: string) =>
    hasRights(rights, right) && { label, run: run((t) => actions.setFlags(t, patch)) };
  return (
    <div role="toolbar" aria-label={t('selection')} className="relative flex items-center gap-1 border-b border-slate-200 bg-sky-50 px-1 py-1">
      <button type="button" aria-label={t('leaveSelection')} className={ICON_BUTTON} onClick={selection.clear}>
        <ActionIcon name="close" />
      </button>
      <span className="min-w-0 flex-1 truncate font-semibold" data-testid="selection-count">
        {selection.all || selection.results ? t('allSelected', { n: String(selection.count) }) : t('selected', { n: String(selection.count) })}
      </span>
      {takeOut && (
        <>
          <button type="button" aria-label={t('archive')} className={ICON_BUTTON} onClick={run(actions.archive)}>
            <ActionIcon name="archive" />
          </button>
          <button type="button" aria-label={t('delete')} className={ICON_BUTTON} onClick={run(actions.remove)}>
            <ActionIcon name="trash" />
          </button>
        </>
      )}
      <MoreMenu
        items={[
          takeOut && { label: actions.role === 'junk' ? t('notJunk') : t('junk'), run: run(actions.junk) },
          flags(t('read'), { seen: true }, 's'),
          flags(t('unread'), { seen: false }, 's'),
          flags(t('star'), { flagged: true }, 'w'),
          flags(t('unstar'), { flagged: false }, 'w'),
          takeOut && { label: t('moveTo'), run: () => setMoveOpen(true) },
          { label: t('selectAll'), run: selectAll },
        ].filter((item) => !!item)}
      />
      {moveOpen && target && (
        <MoveMenuFor target={target} actions={actions} folders={folders} folder={folder} onClose={() => setMoveOpen(false)} />
      )}
    </div>
  );
}
