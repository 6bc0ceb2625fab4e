'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useEffect, useMemo, useRef, useState } from 'react';
import { LINK_WARNING } from '@/lib/link-mismatch';
import { buildSrcDoc, pageTheme } from './frame-document';
import { RemoteImagesBar } from './RemoteImagesBar';

interface Props {
  html: string;
  hasRemoteContent: boolean;
  /** The user chose to always see images from this sender. */
  imagesAlways?: boolean;
  /** The sender's address, for "always show images from …". */
  sender?: string;
  /** A mailto: link clicked in the message. */
  onMailto?: (href: string) => void;
  /** The mail sets colours of its own (the server says): the dark theme shows it as designed, on a light card. */
  ownColors?: boolean;
}

// Never allow-scripts, allow-forms or allow-top-navigation. allow-same-origin (safe without
// scripts) lets the frame load Wren's own cid: route and lets us size it to its content.
const SANDBOX = 'allow-same-origin allow-popups allow-popups-to-escape-sandbox';

/** Sanitized mail HTML in a sandboxed iframe, remote images blocked until the user asks. */
export function MailFrame({ html, hasRemoteContent, imagesAlways = false, sender, onMailto, ownColors = false }: Props) {
  const t = useTranslations('mail.message');
  const [showImages, setShowImages] = useState(imagesAlways);
  // "Show original colours", for this message only: mail the dark theme recolours, shown as sent.
  const [original, setOriginal] = useState(false);
  const [height, setHeight] = useState(200);
  const frameRef = useRef<HTMLIFrameElement>(null);
  const colors = ownColors || original ? 'original' : 'adapt';
  const srcDoc = useMemo(
    () => buildSrcDoc(html, showImages, typeof window === 'undefined' ? '' : window.location.origin, colors, pageTheme()),
    [html, showImages, colors],
  );
  const onMailtoRef = useRef(onMailto);
  useEffect(() => {
    onMailtoRef.current = onMailto;
  }, [onMailto]);

  function onLoad() {
    const doc = frameRef.current?.contentDocument;
    if (!doc?.documentElement) return;
    setHeight(Math.max(100, doc.documentElement.scrollHeight + 8));
    // The frame runs no script of its own: Wren listens from outside (same origin, no
    // allow-scripts) and opens a mailto: link in its own composer. Each load is a new document.
    doc.addEventListener('click', (event) => {
      const target = event.target as Element | null;
      // A link whose text shows another host than it goes to: the reader decides, knowing where.
      const deceptive = target?.closest?.(`a[${LINK_WARNING}]`);
      if (deceptive) {
        event.preventDefault();
        const href = deceptive.getAttribute('href') ?? '';
        const actual = deceptive.getAttribute(LINK_WARNING);
        if (window.confirm(`This link shows “${deceptive.textContent?.trim()}” but goes to ${actual}.\n\nOpen ${actual} anyway?`)) {
          window.open(href, '_blank', 'noopener,noreferrer');
        }
        return;
      }
      const link = target?.closest?.('a[href^="mailto:" i]');
      if (!link || !onMailtoRef.current) return;
      event.preventDefault();
      onMailtoRef.current(link.getAttribute('href') ?? '');
    });
  }

  return (
    <div className="space-y-2">
      {hasRemoteContent && <RemoteImagesBar shown={showImages} always={imagesAlways} sender={sender} onShow={setShowImages} />}
      {/* Only the dark theme recolours, so only it offers the way back (CSS: no script decides). */}
      {!ownColors && (
        <div className="hidden justify-end dark:flex">
          <button
            type="button"
            aria-pressed={original}
            onClick={() => setOriginal((o) => !o)}
            className="rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-100 aria-pressed:bg-slate-100"
          >
            {t('originalColours')}
          </button>
        </div>
      )}
      <iframe
        ref={frameRef}
        title={t('body')}
        sandbox={SANDBOX}
        srcDoc={srcDoc}
        onLoad={onLoad}
        referrerPolicy="no-referrer"
        style={{ height }}
        className="w-full border-0"
      />
    </div>
  );
}
