'use client';

import { useTranslations } from '@/lib/i18n/client';
import { hasRights } from '@/lib/folder-rights';
import { describeRights } from '@/lib/rights';
import type { FolderDto } from '@/lib/types';
import type { FolderMenuOpen } from './FolderMenu';
import { useMenu } from '../ui/menu-keys';
import { ShareDialog } from './ShareDialog';
import type { FolderAdmin } from './use-folder-admin';

interface Props {
  folder: FolderDto;
  admin: FolderAdmin;
  open: FolderMenuOpen;
  setOpen: (open: FolderMenuOpen) => void;
}

/**
 * The items of a folder's "⋯" menu, fetched when a menu first opens. Special-use folders (and
 * Inbox) offer only a new subfolder and sharing. Another user's or a public folder offers what
 * its rights allow (RFC 4314: k new subfolder, x rename and delete, a sharing) and says what
 * they are.
 */
export function FolderMenuItems(props: Props) {
  if (props.open === 'share') return <ShareDialog folder={props.folder} onClose={() => props.setOpen('')} />;
  return <FolderActions {...props} />;
}

function FolderActions({ folder, admin, setOpen }: Props) {
  const t = useTranslations('mail.folders');
  const share = useTranslations('mail.share');
  const rights = describeRights(folder.rights, (key) => share(`verbs.${key}`), share('verbs.none'));
  const { ref: menuRef, onKeyDown: onMenuKey } = useMenu<HTMLDivElement>(() => setOpen(''));
  const item = 'block w-full px-3 py-1 text-left text-sm hover:bg-sky-50';
  // The menu closes first, so focus is back on its "⋯" button when a dialog opens (and after).
  const act = (fn: () => void) => () => {
    setOpen('');
    setTimeout(fn);
  };
  const own = folder.namespace === 'personal';
  const may = (letters: string) => hasRights(folder.rights, letters);
  return (
    <div ref={menuRef} onKeyDown={onMenuKey} tabIndex={-1} role="menu" aria-label={t('actionsOf', { folder: folder.name })} className="absolute top-full end-0 z-30 w-48 rounded border border-slate-200 bg-white py-1 shadow-lg">
      {!own && (
        <p className="px-3 py-1 text-xs text-slate-500">
          {folder.owner ? t('sharedBy', { owner: folder.owner, rights }) : t('publicFolder', { rights })}
        </p>
      )}
      {may('k') && (
        <button type="button" role="menuitem" className={item} onClick={act(() => admin.create(folder))}>
          {t('newSubfolder')}
        </button>
      )}
      {may('a') && (
        <button type="button" role="menuitem" className={item} onClick={() => setOpen('share')}>
          {t('share')}
        </button>
      )}
      {!folder.role && may('x') && (
        <>
          <button type="button" role="menuitem" className={item} onClick={act(() => admin.rename(folder))}>
            {t('rename')}
          </button>
          <button type="button" role="menuitem" className={`${item} text-red-700`} onClick={act(() => admin.remove(folder))}>
            {t('delete')}
          </button>
        </>
      )}
      {!folder.role && own && (
        <button type="button" role="menuitem" className={item} onClick={act(() => admin.setSubscribed(folder, !folder.subscribed))}>
          {folder.subscribed ? t('unsubscribe') : t('subscribe')}
        </button>
      )}
    </div>
  );
}
