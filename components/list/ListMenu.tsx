'use client';

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
    { label: 'Select all', run: selectAll },
    { label: 'Swipe left to archive, right to delete', run: choose('archive'), checked: left === 'archive' },
    { label: 'Swipe left to delete, right to archive', run: choose('delete'), checked: left === 'delete' },
  ];
  if ((actions.role === 'trash' || actions.role === 'junk') && pages.total) {
    items.push({ label: `Empty ${actions.role === 'trash' ? 'Trash' : 'Junk'}`, run: () => void actions.emptyFolder() });
  }
  return <MoreMenu label="List options" items={items} />;
}
