'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { hasRights } from '@/lib/folder-rights';
import { decodeMessageId } from '@/lib/message-id';
import type { FolderDto } from '@/lib/types';
import { Icon } from '../ui/icons';
import { MoveButton } from '../ui/MoveButton';
import { lazyModule, useLazyModule } from '../ui/use-lazy-module';
import type { MailActions, Target } from '../mail/use-mail-actions';

/** What the open message's actions take, on a desktop (here) and on a phone (PhoneMessageBars). */
export interface MessageActionProps {
  id: string;
  flagged: boolean;
  actions: MailActions;
  folders: FolderDto[];
  folder: string;
  onCompose: (mode: 'reply' | 'all' | 'forward') => void;
  /** Used by the phone's bars (PhoneMessageBars) in the same place: here the view has its own Back. */
  onBack?: () => void;
}

const button = 'rounded px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-40';

// Filters from this message: fetched when the menu is first opened.
const filterMenu = lazyModule(() => import('./FilterMenu'));
// The snooze choices: fetched when Snooze is first pressed.
const snoozeMenu = lazyModule(() => import('../scheduler/SnoozeMenu'));

/**
 * Actions on the open message, in its own pane (on a phone the list's toolbar is hidden). In a
 * shared or public folder only what its rights allow: no Archive, Delete, Junk or Move without
 * t and e (taking a message out), Star disabled without w.
 */
export function MessageActions({ id, flagged, actions, folders, folder, onCompose }: MessageActionProps) {
  const t = useTranslations('mail.message');
  const [moveOpen, setMoveOpen] = useState(false);
  const [filterOpen, setFilterOpen] = useState(false);
  const filters = useLazyModule(filterMenu, filterOpen);
  const [snoozeOpen, setSnoozeOpen] = useState(false);
  const snoozer = useLazyModule(snoozeMenu, snoozeOpen);
  const ts = useTranslations('mail.scheduler');
  const router = useRouter();
  const target: Target = { ids: [id], all: false };
  const rights = folders.find((f) => f.path === folder)?.rights;
  const takeOut = hasRights(rights, 'te');
  return (
    <div role="toolbar" aria-label={t('actions')} className="relative flex flex-wrap items-center gap-1">
      <button type="button" className={`${button} flex items-center gap-1`} onClick={() => onCompose('reply')}>
        <Icon name="reply" /> {t('reply')}
      </button>
      <button type="button" className={button} onClick={() => onCompose('all')}>
        {t('replyAll')}
      </button>
      <button type="button" className={button} onClick={() => onCompose('forward')}>
        {t('forward')}
      </button>
      {takeOut && (
        <>
          <button type="button" className={button} onClick={() => void actions.archive(target)}>
            {t('archive')}
          </button>
          <button type="button" className={button} onClick={() => void actions.remove(target)}>
            {t('delete')}
          </button>
          <button type="button" className={button} onClick={() => void actions.junk(target)}>
            {actions.roleOf(decodeMessageId(id)?.path ?? null) === 'junk' ? t('notJunk') : t('junk')}
          </button>
        </>
      )}
      <button type="button" className={button} aria-pressed={flagged} disabled={!hasRights(rights, 'w')} onClick={() => void actions.setFlags(target, { flagged: !flagged })}>
        {flagged ? t('unstar') : t('star')}
      </button>
      {takeOut && (
        <span className="relative">
          <button type="button" className={button} aria-haspopup="dialog" aria-expanded={snoozeOpen} onClick={() => setSnoozeOpen(!snoozeOpen)}>
            {ts('snooze')}
          </button>
          {snoozeOpen && snoozer && (
            <snoozer.SnoozeMenu
              onClose={() => setSnoozeOpen(false)}
              onPick={(until) => {
                setSnoozeOpen(false);
                void actions.snooze(target, until);
              }}
            />
          )}
        </span>
      )}
      {takeOut && <MoveButton target={target} actions={actions} folders={folders} folder={folder} open={moveOpen} setOpen={setMoveOpen} className={button} />}
      <span className="relative">
        <button type="button" className={button} aria-haspopup="menu" aria-expanded={filterOpen} onClick={() => setFilterOpen(!filterOpen)}>
          {t('filter')}
        </button>
        {filterOpen && filters && <filters.FilterMenu id={id} onClose={() => setFilterOpen(false)} onNavigate={(url) => router.push(url)} />}
      </span>
      {filters && <filters.FilterNotices />}
    </div>
  );
}
