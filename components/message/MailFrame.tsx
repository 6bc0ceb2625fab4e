'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useEffect, useMemo, useRef, useState } from 'react';
import { LINK_WARNING } from '@/lib/link-mismatch';
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
}

// Never allow-scripts, allow-forms or allow-top-navigation. allow-same-origin (safe without
// scripts) lets the frame load Wren's own cid: route and lets us size it to its content.
const SANDBOX = 'allow-same-origin allow-popups allow-popups-to-escape-sandbox';

/**
 * The frame's own CSP, first in its head: nothing loads but inline styles, data: images and
 * Wren's own message parts (cid:); once the user allows, also Wren's image proxy. Remote images
 * never load from anywhere else: the sanitizer points them at the proxy, by path.
 */
export function frameCsp(allowRemoteImages: boolean, origin: string): string {
  const img = `img-src data: ${origin}/api/messages/${allowRemoteImages ? ` ${origin}/api/image-proxy` : ''}`;
  return `default-src 'none'; ${img}; style-src 'unsafe-inline'; font-src data:; base-uri 'none'; form-action 'none'`;
}

export function buildSrcDoc(html: string, allowRemoteImages: boolean, origin: string): string {
  return (
    '<!doctype html><html><head>' +
    `<meta http-equiv="Content-Security-Policy" content="${frameCsp(allowRemoteImages, origin)}">` +
    '<meta name="referrer" content="no-referrer">' +
    '<meta http-equiv="x-dns-prefetch-control" content="off">' +
    '<meta charset="utf-8">' +
    '<style>body{margin:0;font-family:system-ui,sans-serif;font-size:14px;line-height:1.5;color:#0f172a;overflow-wrap:anywhere}img{max-width:100%;height:auto}</style>' +
    `</head><body>${html}</body></html>`
  );
}

/** Sanitized mail HTML in a sandboxed iframe, remote images blocked until the user asks. */
export function MailFrame({ html, hasRemoteContent, imagesAlways = false, sender, onMailto }: Props) {
  const t = useTranslations('mail.message');
  const [showImages, setShowImages] = useState(imagesAlways);
  const [height, setHeight] = useState(200);
  const frameRef = useRef<HTMLIFrameElement>(null);
  const srcDoc = useMemo(() => buildSrcDoc(html, showImages, typeof window === 'undefined' ? '' : window.location.origin), [html, showImages]);
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
