'use client';

import { useTranslations } from '@/lib/i18n/client';
import { hasRights } from '@/lib/folder-rights';
import type { FolderDto } from '@/lib/types';
import { MoveButton } from '../ui/MoveButton';
import type { MailActions, Target } from '../mail/use-mail-actions';
import type { SelectionState } from './use-selection';

interface Props {
  actions: MailActions;
  selection: SelectionState;
  /** The selection, or the open message when nothing is selected. */
  target: Target | null;
  folders: FolderDto[];
  folder: string;
  total: number | null;
  moveOpen: boolean;
  setMoveOpen: (open: boolean) => void;
  /** The whole folder on the server, or, while searching, the loaded results. */
  selectAll: () => void;
  /** While searching: every loaded result is ticked (the box shows checked). */
  allLoadedSelected?: boolean;
}

// Each with the right it needs in a shared or public folder (RFC 4314: s for \Seen, w for \Flagged).
const FLAG_BUTTONS: Array<['read' | 'unread' | 'star' | 'unstar', { seen?: boolean; flagged?: boolean }, string]> = [
  ['read', { seen: true }, 's'],
  ['unread', { seen: false }, 's'],
  ['star', { flagged: true }, 'w'],
  ['unstar', { flagged: false }, 'w'],
];

const button = 'rounded px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-40 disabled:hover:bg-transparent';

export function Toolbar({ actions, selection, target, folders, folder, total, moveOpen, setMoveOpen, selectAll, allLoadedSelected = false }: Props) {
  const t = useTranslations('mail.list');
  const disabled = !target;
  const run = (fn: (t: Target) => unknown) => () => target && fn(target);
  // What the folder's rights allow: moving out needs t and e, so without them no Delete at all.
  const rights = folders.find((f) => f.path === folder)?.rights;
  const takeOut = hasRights(rights, 'te');
  return (
    <div role="toolbar" aria-label={t('actions')} className="relative flex flex-wrap items-center gap-1 border-b max-md:hidden border-slate-200 px-2 py-1">
      <input
        type="checkbox"
        aria-label={t('selectAllFolder')}
        checked={selection.all || !!selection.results || allLoadedSelected || (total !== null && total > 0 && selection.count === total)}
        disabled={!total}
        onChange={(e) => (e.target.checked ? selectAll() : selection.clear())}
        className="mx-2"
      />
      {selection.count > 0 && (
        <span className="me-1 text-xs text-slate-500" data-testid="selection-count">
          {selection.all || selection.results ? t('allSelected', { n: String(selection.count) }) : t('selected', { n: String(selection.count) })}
        </span>
      )}
      {takeOut && (
        <>
          <button type="button" className={button} disabled={disabled} onClick={run(actions.archive)}>
            {t('archive')}
          </button>
          <button type="button" className={button} disabled={disabled} onClick={run(actions.remove)}>
            {t('delete')}
          </button>
          <button type="button" className={button} disabled={disabled} onClick={run(actions.junk)}>
            {actions.role === 'junk' ? t('notJunk') : t('junk')}
          </button>
        </>
      )}
      {FLAG_BUTTONS.map(([label, patch, right]) => (
        <button key={label} type="button" className={button} disabled={disabled || !hasRights(rights, right)} onClick={run((t) => actions.setFlags(t, patch))}>
          {t(label)}
        </button>
      ))}
      <MoveButton target={takeOut ? target : null} actions={actions} folders={folders} folder={folder} open={moveOpen} setOpen={setMoveOpen} className={button} />
      {(actions.role === 'trash' || actions.role === 'junk') && (
        <button type="button" className={`${button} ms-auto text-red-700`} disabled={!total} onClick={() => void actions.emptyFolder()}>
          {actions.role === 'trash' ? t('emptyTrash') : t('emptyJunk')}
        </button>
      )}
    </div>
  );
}
