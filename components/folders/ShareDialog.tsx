'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { Modal } from '../ui/Modal';
import { useTranslations } from '@/lib/i18n/client';
import { ApiError, apiRequest } from '@/lib/api-client';
import { keysOf, RIGHT_GROUPS, type RightKey } from '@/lib/rights';
import type { FolderAclDto, FolderDto } from '@/lib/types';

const DEFAULT_KEYS: RightKey[] = ['see', 'markRead'];
const button = 'rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50 disabled:opacity-40';

/** The rights as checkboxes in plain words; "see" comes with every right and cannot be unticked. */
function RightBoxes({ keys, label, onChange, disabled }: { keys: RightKey[]; label: (text: string) => string; onChange: (keys: RightKey[]) => void; disabled: boolean }) {
  const t = useTranslations('mail.share');
  return (
    <>
      {RIGHT_GROUPS.map((group) => (
        <label key={group.key} title={t(`hints.${group.key}`)} className="flex items-center gap-1 text-xs text-slate-700">
          <input
            type="checkbox"
            aria-label={label(t(`rights.${group.key}`))}
            checked={keys.includes(group.key)}
            disabled={disabled || group.key === 'see'}
            onChange={(e) => onChange(e.target.checked ? [...keys, group.key] : keys.filter((k) => k !== group.key))}
          />
          {t(`rights.${group.key}`)}
        </label>
      ))}
    </>
  );
}

/**
 * "Share folder…": who the folder is shared with and what each may do (GETACL), a user added
 * with rights in plain words (SETACL), rights changed at once when a box is ticked, and a
 * user removed (DELETEACL). Each answer is the folder's new list. Fetched with the folder menu.
 */
export function ShareDialog({ folder, onClose }: { folder: FolderDto; onClose: () => void }) {
  const t = useTranslations('mail.share');
  const [acl, setAcl] = useState<FolderAclDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [user, setUser] = useState('');
  const [keys, setKeys] = useState<RightKey[]>(DEFAULT_KEYS);
  const base = `/api/folders/acl?path=${encodeURIComponent(folder.path)}`;

  useEffect(() => {
    apiRequest<FolderAclDto>(base).then(setAcl, (e: unknown) => setError(e instanceof ApiError ? e.message : t('readFailed')));
  }, [base, t]);

  async function change(work: () => Promise<FolderAclDto>, done: string) {
    setBusy(true);
    setError(null);
    try {
      setAcl(await work());
      setStatus(done);
      return true;
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('changeFailed'));
      return false;
    } finally {
      setBusy(false);
    }
  }

  const share = (identifier: string, rights: RightKey[]) =>
    change(() => apiRequest<FolderAclDto>('/api/folders/acl', { method: 'PUT', body: { path: folder.path, identifier, rights } }), t('shared', { user: identifier }));

  async function add(e: FormEvent) {
    e.preventDefault();
    if (await share(user.trim(), keys)) {
      setUser('');
      setKeys(DEFAULT_KEYS);
    }
  }

  // In the page's body, not inside the tree's item that opened it.
  return createPortal(
    <Modal label={t('dialog', { name: folder.name })} onClose={onClose} className="w-full max-w-xl">
      <div>
        <h2 className="mb-3 font-semibold">{t('title', { name: folder.name })}</h2>
        {!acl && !error && <p className="text-sm text-slate-500">{t('loading')}</p>}
        {acl && (
          <ul aria-label={t('sharedWith')} className="mb-4 flex flex-col gap-2">
            {acl.entries.length === 0 && <li className="text-sm text-slate-500">{t('none')}</li>}
            {acl.entries.map(({ identifier, rights }) => (
              <li key={identifier} className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-100 pb-2">
                <span className="w-28 truncate text-sm font-medium">{identifier}</span>
                <RightBoxes keys={keysOf(rights)} label={(text) => t('rightFor', { right: text, user: identifier })} disabled={busy} onChange={(next) => void share(identifier, next)} />
                <button
                  type="button"
                  className={`${button} ml-auto text-red-700`}
                  disabled={busy}
                  onClick={() =>
                    void change(
                      () => apiRequest<FolderAclDto>(`${base}&identifier=${encodeURIComponent(identifier)}`, { method: 'DELETE' }),
                      t('removed', { user: identifier }),
                    )
                  }
                >
                  {t('remove', { user: identifier })}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={(e) => void add(e)} className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <input
            value={user}
            onChange={(e) => setUser(e.target.value)}
            aria-label={t('user')}
            placeholder={t('userPlaceholder')}
            required
            className="w-36 rounded border border-slate-300 px-2 py-1 text-sm"
          />
          <RightBoxes keys={keys} label={(text) => text} disabled={busy} onChange={setKeys} />
          <button type="submit" className={`${button} bg-sky-700 text-white hover:bg-sky-800`} disabled={busy || !user.trim()}>
            {t('submit')}
          </button>
        </form>
        {error && (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {error}
          </p>
        )}
        <p role="status" className="mt-3 text-sm text-slate-600">
          {status}
        </p>
        <button type="button" onClick={onClose} className={`${button} mt-2`}>
          {t('close')}
        </button>
      </div>
    </Modal>,
    document.body,
  );
}
