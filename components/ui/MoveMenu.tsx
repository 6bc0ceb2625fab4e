'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useEffect, useRef, useState } from 'react';
import { hasRights } from '@/lib/folder-rights';
import type { FolderDto } from '@/lib/types';
import type { MailActions, Target } from '../mail/use-mail-actions';
import { useMenu } from './menu-keys';

interface Props {
  folders: FolderDto[];
  current: string;
  onMove: (path: string) => void;
  onCopy: (path: string) => void;
  onClose: () => void;
}

/**
 * "Move to…" with type-to-filter (type-ahead: Enter takes the first folder left); the same menu
 * copies when "Copy" is ticked. Only folders the user may add to (RFC 4314 i). Down goes from
 * the filter to the folders, Up and Down, Home and End move among them, a letter types into the
 * filter again, Escape closes and focus goes back to where it was.
 */
export function MoveMenu({ folders, current, onMove, onCopy, onClose }: Props) {
  const t = useTranslations('mail.move');
  const [filter, setFilter] = useState('');
  const [copy, setCopy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const { ref: menuRef, onKeyDown: onMenuKey } = useMenu<HTMLDivElement>(onClose, { focusFirst: false });
  useEffect(() => inputRef.current?.focus(), []);
  const needle = filter.trim().toLowerCase();
  const choices = folders.filter(
    (f) => f.selectable && f.path !== current && hasRights(f.rights, 'i') && (!needle || f.name.toLowerCase().includes(needle) || f.path.toLowerCase().includes(needle)),
  );
  const choose = (path: string) => {
    if (copy) onCopy(path);
    else onMove(path);
    onClose();
  };
  return (
    <div
      ref={menuRef}
      role="dialog"
      aria-label={t('label')}
      className="absolute top-full right-0 z-40 mt-1 w-72 rounded-lg border border-slate-200 bg-white p-2 shadow-xl"
      onKeyDown={(e) => {
        const inFilter = e.target === inputRef.current;
        if (inFilter && e.key === 'Enter' && choices[0]) {
          e.preventDefault();
          choose(choices[0].path);
        } else if (inFilter && e.key === 'ArrowDown') {
          e.preventDefault();
          menuRef.current?.querySelector<HTMLElement>('[data-menu-item]')?.focus();
        } else if (!inFilter && /^\S$/.test(e.key) && !e.ctrlKey && !e.metaKey) inputRef.current?.focus();
        else if (e.key === 'Escape' || !inFilter) onMenuKey(e);
      }}
    >
      <input
        ref={inputRef}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        placeholder={t('filter')}
        aria-label={t('filter')}
        className="mb-2 w-full rounded border border-slate-400 px-2 py-1 text-sm"
      />
      <label className="mb-1 flex items-center gap-2 px-1 text-xs text-slate-600">
        <input type="checkbox" checked={copy} onChange={(e) => setCopy(e.target.checked)} /> Copy instead of move
      </label>
      <ul className="max-h-64 overflow-y-auto">
        {choices.map((f) => (
          <li key={f.path}>
            <button
              type="button"
              data-menu-item
              onClick={() => choose(f.path)}
              className="w-full rounded px-2 py-1 text-left text-sm hover:bg-sky-50"
              style={{ paddingLeft: `${0.5 + f.depth}rem` }}
            >
              {f.name}
            </button>
          </li>
        ))}
        {choices.length === 0 && <li className="px-2 py-1 text-sm text-slate-500">{t('none')}</li>}
      </ul>
    </div>
  );
}

/** The menu moving or copying `target` with the mail view's actions: what every Move entry opens. */
export function MoveMenuFor({ target, actions, folders, folder, onClose }: { target: Target; actions: MailActions; folders: FolderDto[]; folder: string; onClose: () => void }) {
  return (
    <MoveMenu
      folders={folders}
      current={folder}
      onMove={(path) => void actions.move(target, path)}
      onCopy={(path) => void actions.copy(target, path)}
      onClose={onClose}
    />
  );
}
