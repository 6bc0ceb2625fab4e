'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { LINK_WARNING } from '@/lib/link-mismatch';
import { buildSrcDoc, pageTheme } from './frame-document';
import { RemoteImagesBar } from './RemoteImagesBar';

interface Props {
  /** The message shown: another one resets the choices made for this one (images, colours). */
  id: string;
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
  /** Kept for the next HTML message while one without HTML is shown (MessageContent's keepFrame): `html` is empty. */
  hidden?: boolean;
}

// Never allow-scripts, allow-forms or allow-top-navigation. allow-same-origin (safe without
// scripts) lets the frame load Wren's own cid: route and lets us size it to its content.
const SANDBOX = 'allow-same-origin allow-popups allow-popups-to-escape-sandbox';

/** Sanitized mail HTML in a sandboxed iframe, remote images blocked until the user asks. */
export function MailFrame({ id, html, hasRemoteContent, imagesAlways = false, sender, onMailto, ownColors = false, hidden }: Props) {
  const t = useTranslations('mail.message');
  const [showImages, setShowImages] = useState(imagesAlways);
  // "Show original colours", for this message only: mail the dark theme recolours, shown as sent.
  const [original, setOriginal] = useState(false);
  // The frame stays when the next message opens (j/k, a click): what was chosen for the one
  // before does not (React's reset of state on a changed prop, during render).
  const [shownId, setShownId] = useState(id);
  if (shownId !== id) {
    setShownId(id);
    setShowImages(imagesAlways);
    setOriginal(false);
  }
  const [height, setHeight] = useState(200);
  const frameRef = useRef<HTMLIFrameElement>(null);
  const colors = ownColors || original ? 'original' : 'adapt';
  const srcDoc = useMemo(
    () => buildSrcDoc(html, showImages, typeof window === 'undefined' ? '' : location.origin, colors, pageTheme()),
    [html, showImages, colors],
  );
  const onMailtoRef = useRef(onMailto);
  useEffect(() => {
    onMailtoRef.current = onMailto;
  }, [onMailto]);

  // The document is written into the frame, not loaded from `srcdoc`: a srcdoc is a navigation
  // (the frame's document arrives tasks later), a write is parsed at once, so the body paints in
  // the frame that shows the message (#22). The sandbox stays as it is (never allow-scripts: no
  // script runs in what is written either), the CSP comes first in the document as before. A
  // document's CSPs only add up (document.open keeps the ones before), so the frame is a new
  // one whenever its policy would allow more than its first did: `key` below.
  useLayoutEffect(() => {
    const doc = frameRef.current?.contentDocument;
    if (!doc) return;
    // The frame runs no script of its own: Wren listens from outside (same origin, no
    // allow-scripts) and opens a mailto: link in its own composer.
    const onClick = (event: MouseEvent) => {
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
    };
    // Sized to its document (again once its images have loaded), and clicks in it listened to.
    const fit = () => {
      setHeight(Math.max(100, doc.documentElement.scrollHeight + 8));
      // The same function twice on one document is added once.
      doc.addEventListener('click', onClick);
    };
    doc.open();
    doc.write(srcDoc);
    doc.close();
    fit();
    // document.open dropped the listeners of the document before: the images' load resizes too.
    doc.defaultView?.addEventListener('load', fit);
  }, [srcDoc]);

  return (
    <div className="space-y-2" hidden={hidden}>
      {hasRemoteContent && <RemoteImagesBar key={id} shown={showImages} always={imagesAlways} sender={sender} onShow={setShowImages} />}
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
        key={String(showImages)}
        ref={frameRef}
        title={t('body')}
        sandbox={SANDBOX}
        referrerPolicy="no-referrer"
        style={{ height }}
        className="w-full border-0"
      />
    </div>
  );
}
