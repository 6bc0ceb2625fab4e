'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useState } from 'react';
import { hasRights } from '@/lib/folder-rights';
import { decodeMessageId } from '@/lib/message-id';
import { ActionIcon, type ActionIconName } from '../ui/action-icons';
import { ICON_BUTTON, MoreMenu } from '../ui/MoreMenu';
import { MoveMenuFor } from '../ui/MoveMenu';
import { lazyModule, useLazyModule } from '../ui/use-lazy-module';
import type { Target } from '../mail/use-mail-actions';
import type { MessageActionProps } from './MessageActions';

type Props = MessageActionProps & { onBack: () => void };

// Filter messages like this, Block sender (and its toasts): fetched on first use.
const filterMenu = lazyModule(() => import('./FilterMenu'));

const ANSWERS: Array<[mode: 'reply' | 'all' | 'forward', label: 'reply' | 'replyAll' | 'forward', icon: ActionIconName]> = [
  ['reply', 'reply', 'reply'],
  ['all', 'replyAll', 'replyAll'],
  ['forward', 'forward', 'forward'],
];

/**
 * The open message on a phone: Back, Archive, Delete and More at the top; Reply, Reply all and
 * Forward at the bottom of the screen, within reach of a thumb.
 */
export function PhoneMessageBars({ id, flagged, actions, folders, folder, onCompose, onBack }: Props) {
  const t = useTranslations('mail.message');
  const [moveOpen, setMoveOpen] = useState(false);
  const [filtersUsed, setFiltersUsed] = useState(false);
  const filters = useLazyModule(filterMenu, filtersUsed);
  const withFilters = (run: (m: typeof import('./FilterMenu')) => void) => {
    setFiltersUsed(true);
    void filterMenu.load().then(run);
  };
  const target: Target = { ids: [id], all: false };
  const inJunk = actions.roleOf(decodeMessageId(id)?.path ?? null) === 'junk';
  // A shared or public folder's rights: what they do not allow is not offered (MessageActions).
  const rights = folders.find((f) => f.path === folder)?.rights;
  const takeOut = hasRights(rights, 'te');
  return (
    <>
      <div role="toolbar" aria-label={t('actions')} className="relative flex flex-1 items-center gap-1">
        <button type="button" aria-label={t('backLabel')} className={ICON_BUTTON} onClick={onBack}>
          <ActionIcon name="back" />
        </button>
        <span className="flex-1" />
        {takeOut && (
          <>
            <button type="button" aria-label={t('archive')} className={ICON_BUTTON} onClick={() => void actions.archive(target)}>
              <ActionIcon name="archive" />
            </button>
            <button type="button" aria-label={t('delete')} className={ICON_BUTTON} onClick={() => void actions.remove(target)}>
              <ActionIcon name="trash" />
            </button>
          </>
        )}
        <MoreMenu
          items={[
            takeOut && { label: inJunk ? t('notJunk') : t('junk'), run: () => void actions.junk(target) },
            hasRights(rights, 'w') && { label: flagged ? t('unstar') : t('star'), run: () => void actions.setFlags(target, { flagged: !flagged }) },
            hasRights(rights, 's') && {
              label: t('markUnread'),
              run: () => {
                void actions.setFlags(target, { seen: false });
                onBack();
              },
            },
            takeOut && { label: t('moveTo'), run: () => setMoveOpen(true) },
            // Without ManageSieve, Block sender's toast says why.
            { label: t('filterLike'), run: () => withFilters((m) => window.location.assign(m.filterLikeUrl(id))) },
            { label: t('blockSender'), run: () => withFilters((m) => void m.blockSender(id)) },
          ].filter((item) => !!item)}
        />
        {moveOpen && (
          <MoveMenuFor target={target} actions={actions} folders={folders} folder={folder} onClose={() => setMoveOpen(false)} />
        )}
      </div>
      <nav aria-label={t('answer')} className="fixed inset-x-0 bottom-0 z-20 flex border-t border-slate-200 bg-white pb-[env(safe-area-inset-bottom)]">
        {ANSWERS.map(([mode, label, icon]) => (
          <button key={mode} type="button" onClick={() => onCompose(mode)} className="flex h-14 flex-1 flex-col items-center justify-center gap-0.5 text-xs text-slate-700 active:bg-slate-100">
            <ActionIcon name={icon} className="h-5 w-5" />
            {t(label)}
          </button>
        ))}
      </nav>
      {filters && <filters.FilterNotices />}
    </>
  );
}
