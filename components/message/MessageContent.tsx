'use client';

import { useTranslations, useFormat } from '@/lib/i18n/client';
import { useEffect, useRef, useState } from 'react';
import { paneFocus } from '../mail/pane-focus';
import type { AddressDto, MessageDto } from '@/lib/types';
import { AttachmentItem } from './AttachmentItem';
import { MailFrame } from './MailFrame';
import { MessageTools } from './MessageTools';
import { PlainTextBody } from './PlainTextBody';

function Addresses({ label, list }: { label: string; list: AddressDto[] }) {
  if (!list.length) return null;
  return (
    <div className="text-sm text-slate-600">
      <span className="text-slate-500">{label} </span>
      {list.map((a, i) => (
        <span key={`${a.address}-${i}`} title={a.address}>
          {i > 0 && ', '}
          {a.name ? `${a.name} <${a.address}>` : a.address}
        </span>
      ))}
    </div>
  );
}

/**
 * `keepFrame`: a frame made for an HTML message stays, hidden, under the next messages without
 * HTML (the open message's pane, where j and k go from message to message): making a frame and
 * removing one each cost an open 5-30 ms of a 2-core machine's main thread (#22). None is made
 * for a message without HTML, and a conversation's messages keep none.
 */
export function MessageContent({ message, onMailto, keepFrame }: { message: MessageDto; onMailto: (href: string) => void; keepFrame?: boolean }) {
  const t = useTranslations('mail.message');
  const format = useFormat();
  // A message opened from the list takes focus, at its subject (the list may be hidden now).
  const heading = useRef<HTMLHeadingElement>(null);
  const html = message.body.kind === 'html' ? message.body : null;
  const [hadFrame, setHadFrame] = useState(false);
  if (html && keepFrame && !hadFrame) setHadFrame(true);
  useEffect(() => {
    if (paneFocus.want !== 'message') return;
    paneFocus.want = '';
    heading.current?.focus();
  }, [message.id]);
  return (
    <article data-print-message className="min-h-0 flex-1 overflow-y-auto" aria-label={message.subject || '(no subject)'}>
      <header className="space-y-1 border-b border-slate-100 px-5 py-4">
        <h2 ref={heading} tabIndex={-1} className="text-xl font-semibold" data-testid="message-subject">
          {message.subject || '(no subject)'}
        </h2>
        <Addresses label={t('from')} list={message.from} />
        <Addresses label={t('to')} list={message.to} />
        <Addresses label={t('cc')} list={message.cc} />
        <div className="text-xs text-slate-500">
          <time dateTime={message.date}>{format.fullDate(message.date)}</time>
        </div>
        <MessageTools message={message} onMailto={onMailto} />
      </header>
      {message.attachments.filter((a) => !a.inline).length > 0 && (
        <ul aria-label={t('attachments')} className="flex flex-wrap gap-2 border-b border-slate-100 px-5 py-3">
          {message.attachments
            .filter((a) => !a.inline)
            .map((a) => (
              <AttachmentItem key={a.part} messageId={message.id} attachment={a} />
            ))}
        </ul>
      )}
      <div className="px-5 py-4">
        {(html || hadFrame) && (
          <MailFrame
            hidden={!html}
            id={message.id}
            html={html?.html ?? ''}
            hasRemoteContent={!!html?.hasRemoteContent}
            imagesAlways={html?.imagesAlways}
            ownColors={html?.ownColors}
            sender={message.from[0]?.address}
            onMailto={onMailto}
          />
        )}
        {message.body.kind === 'text' && <PlainTextBody text={message.body.text} onMailto={onMailto} />}
        {message.body.kind === 'none' && <p className="text-sm text-slate-500">{t('noText')}</p>}
        {message.body.kind === 'too_complex' && (
          <p role="status" className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {t('tooComplex', { reason: message.body.reason })}{' '}
            <a className="underline" href={`/api/messages/${encodeURIComponent(message.id)}/raw`} download>
              {t('raw')}
            </a>
          </p>
        )}
      </div>
    </article>
  );
}
