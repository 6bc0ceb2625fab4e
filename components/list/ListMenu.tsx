'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useState } from 'react';
import type { MailActions } from '../mail/use-mail-actions';
import { MoreMenu, type MenuItem } from '../ui/MoreMenu';
import type { MessagePages } from './use-message-pages';
import { moveLegacySwipeSetting, setSwipeLeftAction, swipeLeftAction, type SwipeAction } from './swipe-setting';

interface Props {
  actions: MailActions;
  /** Selection mode with every message of the list. */
  selectAll: () => void;
  pages: MessagePages;
}

/** The list's "More" on a touch screen: what the desktop toolbar offers, and the swipe setting. */
export function ListMenu({ actions, selectAll, pages }: Props) {
  const t = useTranslations('mail.list');
  const [left, setLeft] = useState<SwipeAction>(() => {
    // The touch UI loads in the browser only, on first use: the place for a one-time move.
    moveLegacySwipeSetting();
    return swipeLeftAction();
  });
  const choose = (action: SwipeAction) => () => {
    void setSwipeLeftAction(action);
    setLeft(action);
  };
  const items: MenuItem[] = [
    { label: t('selectAll'), run: selectAll },
    { label: t('swipeArchive'), run: choose('archive'), checked: left === 'archive' },
    { label: t('swipeDelete'), run: choose('delete'), checked: left === 'delete' },
  ];
  if ((actions.role === 'trash' || actions.role === 'junk') && pages.total) {
    items.push({ label: actions.role === 'trash' ? t('emptyTrash') : t('emptyJunk'), run: () => void actions.emptyFolder() });
  }
  return <MoreMenu label={t('listOptions')} items={items} />;
}
