'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useState } from 'react';
import { apiRequest } from '@/lib/api-client';
import type { MessageDto } from '@/lib/types';

const tool = 'rounded px-2 py-0.5 text-xs text-sky-800 underline-offset-2 hover:bg-slate-100 hover:underline';

/**
 * What every open message offers beside reading it: Unsubscribe (when it came from a list that
 * says how: one-click through Wren's server, else the list's mailto: form in the composer, else
 * its page in a new tab), Print, View source (plain text in a new tab: never rendered) and the
 * .eml download. Part of the open message's chunk (MessagePane), fetched when a message opens.
 * Not printed.
 */
export function MessageTools({ message, onMailto }: { message: MessageDto; onMailto: (href: string) => void }) {
  const t = useTranslations('mail.message');
  const base = `/api/messages/${encodeURIComponent(message.id)}`;
  return (
    <div role="group" aria-label={t('tools')} data-print-hide className="flex flex-wrap items-center gap-1 pt-1">
      {message.unsubscribe && <Unsubscribe key={message.id} id={message.id} offer={message.unsubscribe} onMailto={onMailto} />}
      <button type="button" className={tool} onClick={() => window.print()}>
        {t('print')}
      </button>
      <a className={tool} href={`${base}/source`} target="_blank" rel="noopener noreferrer">
        {t('viewSource')}
      </a>
      <a className={tool} href={`${base}/raw`} download>
        {t('downloadEml')}
      </a>
    </div>
  );
}

function Unsubscribe({ id, offer, onMailto }: { id: string; offer: NonNullable<MessageDto['unsubscribe']>; onMailto: (href: string) => void }) {
  const t = useTranslations('mail.message');
  const [state, setState] = useState<{ busy: boolean; done?: string; error?: string }>({ busy: false });
  const strong = 'rounded border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-50';
  if (offer.method === 'link') {
    return (
      <a className={strong} href={offer.href} target="_blank" rel="noopener noreferrer" title={t('unsubscribeLink')}>
        {t('unsubscribe')}
      </a>
    );
  }
  if (offer.method === 'mailto') {
    return (
      <button type="button" className={strong} title={t('unsubscribeMail')} onClick={() => onMailto(offer.href)}>
        {t('unsubscribe')}
      </button>
    );
  }
  const run = () => {
    setState({ busy: true });
    apiRequest<{ host: string }>(`/api/messages/${encodeURIComponent(id)}/unsubscribe`, { method: 'POST' }).then(
      ({ host }) => setState({ busy: false, done: t('unsubscribed', { host }) }),
      (error: Error) => setState({ busy: false, error: error.message }),
    );
  };
  return (
    <>
      <button type="button" className={strong} title={t('unsubscribeOneClick', { host: offer.host })} disabled={state.busy || !!state.done} onClick={run}>
        {state.busy ? t('unsubscribing') : t('unsubscribe')}
      </button>
      <span role="status" className={`text-xs ${state.error ? 'text-red-700' : 'text-slate-600'}`}>
        {state.error ?? state.done ?? ''}
      </span>
    </>
  );
}
