'use client';

import { useState } from 'react';
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
  const [moveOpen, setMoveOpen] = useState(false);
  useHistoryLayer(true, selection.clear);
  const target = selection.target;
  const run = (fn: (t: Target) => unknown) => () => target && void fn(target);
  const flags = (label: string, patch: { seen?: boolean; flagged?: boolean }) => ({ label, run: run((t) => actions.setFlags(t, patch)) });
  return (
    <div role="toolbar" aria-label="Selection" className="relative flex items-center gap-1 border-b border-slate-200 bg-sky-50 px-1 py-1">
      <button type="button" aria-label="Leave selection" className={ICON_BUTTON} onClick={selection.clear}>
        <ActionIcon name="close" />
      </button>
      <span className="min-w-0 flex-1 truncate font-semibold" data-testid="selection-count">
        {selection.all || selection.results ? `All ${selection.count}` : selection.count} selected
      </span>
      <button type="button" aria-label="Archive" className={ICON_BUTTON} onClick={run(actions.archive)}>
        <ActionIcon name="archive" />
      </button>
      <button type="button" aria-label="Delete" className={ICON_BUTTON} onClick={run(actions.remove)}>
        <ActionIcon name="trash" />
      </button>
      <MoreMenu
        items={[
          { label: actions.role === 'junk' ? 'Not junk' : 'Junk', run: run(actions.junk) },
          flags('Read', { seen: true }),
          flags('Unread', { seen: false }),
          flags('Star', { flagged: true }),
          flags('Unstar', { flagged: false }),
          { label: 'Move to…', run: () => setMoveOpen(true) },
          { label: 'Select all', run: selectAll },
        ]}
      />
      {moveOpen && target && (
        <MoveMenuFor target={target} actions={actions} folders={folders} folder={folder} onClose={() => setMoveOpen(false)} />
      )}
    </div>
  );
}
