'use client';

import { useTranslations } from '@/lib/i18n/client';
import type { FolderDto } from '@/lib/types';
import type { MailActions, Target } from '../mail/use-mail-actions';
import { lazyModule, useLazyModule } from './use-lazy-module';

// The menu is fetched when first opened (or hovered): the mail view's first download does without it.
const moveMenu = lazyModule(() => import('./MoveMenu'));
const preload = () => void moveMenu.load().catch(() => undefined);

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
  const t = useTranslations('mail.list');
  const menu = useLazyModule(moveMenu, open);
  return (
    <>
      <button type="button" className={className} disabled={!target} aria-expanded={open} onClick={() => setOpen(!open)} onPointerEnter={preload} onFocus={preload}>
        {t('moveTo')}
      </button>
      {open && target && menu && (
        <menu.MoveMenuFor target={target} actions={actions} folders={folders} folder={folder} onClose={() => setOpen(false)} />
      )}
    </>
  );
}
