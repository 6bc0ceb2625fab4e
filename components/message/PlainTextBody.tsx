'use client';

import { useMemo } from 'react';
import { splitLinks } from '@/lib/links';

/**
 * text/plain as text: React escapes it, and only what linkify recognizes as a link becomes
 * an anchor (http, https and mailto only).
 */
export function PlainTextBody({ text, onMailto }: { text: string; onMailto?: (href: string) => void }) {
  const pieces = useMemo(() => splitLinks(text), [text]);
  return (
    <pre className="font-sans text-sm whitespace-pre-wrap break-words" data-testid="plain-body">
      {pieces.map((piece, i) =>
        piece.href ? (
          <a
            key={i}
            href={piece.href}
            target="_blank"
            rel="noopener noreferrer"
            className="text-sky-700 underline"
            onClick={(event) => {
              // An address opens Wren's composer, not another mail program.
              if (!onMailto || !/^mailto:/i.test(piece.href!)) return;
              event.preventDefault();
              onMailto(piece.href!);
            }}
          >
            {piece.text}
          </a>
        ) : (
          <span key={i}>{piece.text}</span>
        ),
      )}
    </pre>
  );
}
