'use client';

import { useTranslations } from '@/lib/i18n/client';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { isValidAddress } from '@/lib/address';
import type { Identity } from '@/lib/schemas';
import { StorageNote } from './GeneralSection';
import type { SectionProps } from './sections';

// The composer's editor (Tiptap), fetched when a rich signature is edited.
const SignatureEditor = dynamic(() => import('./SignatureEditor').then((m) => m.SignatureEditor), {
  ssr: false,
  loading: () => <EditorLoading />,
});

function EditorLoading() {
  const t = useTranslations('settings.identities');
  return <p className="text-slate-500">{t('loadingEditor')}</p>;
}

const newIdentity = (): Identity => ({ id: crypto.randomUUID(), name: '', address: '', isDefault: false });

const input = 'min-h-9 rounded border border-slate-300 px-2';

/** Why the identity cannot be saved, or null. */
function problemOf(identity: Identity, t: ReturnType<typeof useTranslations<'settings.identities'>>): string | null {
  if (!isValidAddress({ address: identity.address })) return t('needAddress');
  if (identity.replyTo && !isValidAddress({ address: identity.replyTo })) return t('badReplyTo');
  return null;
}

/**
 * One identity being added or changed: name, address, Reply-To, signature (formatted, with the
 * composer's editor, or plain text), default.
 */
function IdentityForm({ initial, onSave, onCancel }: { initial: Identity; onSave: (identity: Identity) => Promise<boolean>; onCancel: () => void }) {
  const t = useTranslations('settings.identities');
  const [draft, setDraft] = useState(initial);
  const [rich, setRich] = useState(!initial.signatureText);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      aria-label={initial.address ? t('edit', { address: initial.address }) : t('new')}
      className="flex flex-col gap-3 rounded border border-slate-300 bg-white p-4"
      onSubmit={async (e) => {
        e.preventDefault();
        const clean: Identity = {
          ...draft,
          name: draft.name.trim(),
          address: draft.address.trim(),
          replyTo: draft.replyTo?.trim() || undefined,
          // One signature, in the form chosen; empty is none.
          signatureHtml: rich ? draft.signatureHtml || undefined : undefined,
          signatureText: rich ? undefined : draft.signatureText?.trim() ? draft.signatureText : undefined,
        };
        const why = problemOf(clean, t);
        setProblem(why);
        if (!why && (await onSave(clean))) onCancel();
      }}
    >
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t('name')}</span>
        <input className={input} value={draft.name} maxLength={200} onChange={(e) => setDraft({ ...draft, name: e.target.value })} placeholder={t('namePlaceholder')} />
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t('address')}</span>
        <input className={input} type="email" required value={draft.address} onChange={(e) => setDraft({ ...draft, address: e.target.value })} placeholder="support@example.com" />
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t('replyTo')}</span>
        <input className={input} type="email" value={draft.replyTo ?? ''} onChange={(e) => setDraft({ ...draft, replyTo: e.target.value })} />
      </label>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium">{t('signature')}</legend>
        <div className="flex gap-4">
          <label className="flex items-center gap-2">
            <input type="radio" name="signature-format" checked={rich} onChange={() => setRich(true)} /> {t('formatted')}
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="signature-format" checked={!rich} onChange={() => setRich(false)} /> {t('plain')}
          </label>
        </div>
        {rich ? (
          <SignatureEditor html={draft.signatureHtml ?? ''} onChange={(signatureHtml) => setDraft((d) => ({ ...d, signatureHtml }))} />
        ) : (
          <textarea
            aria-label={t('signature')}
            rows={4}
            value={draft.signatureText ?? ''}
            onChange={(e) => setDraft({ ...draft, signatureText: e.target.value })}
            className="rounded border border-slate-300 p-2 font-mono"
          />
        )}
      </fieldset>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={draft.isDefault} onChange={(e) => setDraft({ ...draft, isDefault: e.target.checked })} />
        {t('useDefault')}
      </label>
      {problem && (
        <p role="alert" className="text-red-700">
          {problem}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" className="min-h-9 rounded bg-sky-700 px-4 font-semibold text-white hover:bg-sky-800">
          {t('save')}
        </button>
        <button type="button" onClick={onCancel} className="min-h-9 rounded border border-slate-300 px-4 hover:bg-slate-50">
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * The addresses the user sends from besides their own (a role address such as support@), each
 * with a name, a Reply-To and a signature; one may be the default for new mail. The composer
 * offers them; the server checks a From against them, and the mail server may still refuse an
 * address it does not let this user send from.
 */
export function IdentitiesSection({ username, settings, storage, save }: SectionProps) {
  const t = useTranslations('settings.identities');
  const [editing, setEditing] = useState<Identity | null>(null);
  const identities = settings.identities;

  const saveIdentity = (identity: Identity) => {
    const others = identities.filter((i) => i.id !== identity.id).map((i) => (identity.isDefault ? { ...i, isDefault: false } : i));
    const index = identities.findIndex((i) => i.id === identity.id);
    const next = index < 0 ? [...others, identity] : [...others.slice(0, index), identity, ...others.slice(index)];
    return save({ ...settings, identities: next });
  };
  const remove = (id: string) => void save({ ...settings, identities: identities.filter((i) => i.id !== id) });
  const makeDefault = (id: string) => void save({ ...settings, identities: identities.map((i) => ({ ...i, isDefault: i.id === id })) });

  return (
    <div className="flex max-w-xl flex-col gap-4 text-sm">
      <StorageNote storage={storage} />
      <p>
        {username.includes('@') ? t('withoutWithAddress', { username }) : t('without')}
      </p>
      {identities.length > 0 && (
        <ul aria-label={t('list')} className="flex flex-col divide-y divide-slate-200 rounded border border-slate-200 bg-white">
          {identities.map((identity) => (
            <li key={identity.id} className="flex flex-wrap items-center gap-2 px-3 py-2">
              <span className="min-w-0 flex-1 truncate">
                {identity.name ? `${identity.name} <${identity.address}>` : identity.address}
                {identity.isDefault && <span className="ms-2 rounded bg-sky-100 px-1.5 text-xs text-sky-900">{t('default')}</span>}
              </span>
              {!identity.isDefault && (
                <button type="button" onClick={() => makeDefault(identity.id)} className="rounded px-2 py-1 text-sky-800 hover:bg-slate-100">
                  {t('makeDefault')}
                </button>
              )}
              <button type="button" aria-label={t('edit', { address: identity.address })} onClick={() => setEditing(identity)} className="rounded px-2 py-1 text-sky-800 hover:bg-slate-100">
                {t('editButton')}
              </button>
              <button type="button" aria-label={t('remove', { address: identity.address })} onClick={() => remove(identity.id)} className="rounded px-2 py-1 text-red-700 hover:bg-slate-100">
                {t('removeButton')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <IdentityForm key={editing.id} initial={editing} onSave={saveIdentity} onCancel={() => setEditing(null)} />
      ) : (
        <div>
          <button type="button" onClick={() => setEditing(newIdentity())} className="min-h-9 rounded border border-slate-300 bg-white px-4 hover:bg-slate-50">
            {t('add')}
          </button>
        </div>
      )}
    </div>
  );
}
