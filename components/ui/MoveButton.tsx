'use client';

import type { FolderDto } from '@/lib/types';
import { MoveMenu } from './MoveMenu';
import type { MailActions, Target } from '../mail/use-mail-actions';

interface Props {
  target: Target | null;
  actions: MailActions;
  folders: FolderDto[];
  folder: string;
  open: boolean;
  setOpen: (open: boolean) => void;
  className: string;
}

/** "Move to…" and its menu, for the list's toolbar and the open message alike. */
export function MoveButton({ target, actions, folders, folder, open, setOpen, className }: Props) {
  return (
    <>
      <button type="button" className={className} disabled={!target} aria-expanded={open} onClick={() => setOpen(!open)}>
        Move to…
      </button>
      {open && target && (
        <MoveMenu
          folders={folders}
          current={folder}
          onMove={(path) => void actions.move(target, path)}
          onCopy={(path) => void actions.copy(target, path)}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
