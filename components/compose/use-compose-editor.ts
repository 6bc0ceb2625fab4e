'use client';

import { useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useRef, useState } from 'react';
import type { ComposeDraftDto } from '@/lib/compose';
import { inlineImage } from './inline-image';
import { SignatureBlock } from './signature';

// Links a mail client may send: the server's composer sanitizer allows the same.
const ALLOWED_LINK = /^(https?:|mailto:)/i;

const CONTENT_CLASS = [
  'min-h-40 px-4 py-3 text-sm leading-relaxed outline-none',
  '[&_p]:my-1 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:list-decimal [&_ol]:pl-6',
  '[&_blockquote]:my-2 [&_blockquote]:border-l-2 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_blockquote]:text-slate-600',
  '[&_a]:text-sky-700 [&_a]:underline [&_h1]:text-xl [&_h2]:text-lg [&_h3]:font-semibold [&_pre]:rounded [&_pre]:bg-slate-50 [&_pre]:p-2',
].join(' ');

/**
 * The rich-text editor of a compose (Tiptap); `onChange` runs on every edit by the user.
 * `attachments`: the compose's first attachments, whose inline images its HTML may show.
 * `label`: its accessible name (the settings page edits a signature with it).
 */
export function useComposeEditor(html: string, attachments: ComposeDraftDto['attachments'], onChange: () => void, label = 'Message body') {
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);
  // Made once: the editor is made once, with the images the compose opened with.
  const [images] = useState(() => inlineImage(attachments));
  return useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [1, 2, 3] },
        // A click on a link in the editor places the caret; it does not leave the compose.
        link: { openOnClick: false, autolink: true, isAllowedUri: (url, { defaultValidate }) => ALLOWED_LINK.test(url) && defaultValidate(url) },
      }),
      images,
      SignatureBlock,
    ],
    content: html,
    // The composer only renders in the browser (loaded with ssr: false).
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: { attributes: { class: CONTENT_CLASS, 'aria-label': label, role: 'textbox', 'aria-multiline': 'true' } },
    onUpdate: () => onChangeRef.current(),
  });
}

/**
 * Focuses the editor, with the caret at the start when `atStart`, else where it was. Not Tiptap's
 * focus command: where the user agent says Safari (Safari, and every WebKit browser such as
 * GNOME Web), that command focuses the page's element before its own transaction is applied;
 * the focus event dispatches another transaction meanwhile, the command's own then fails with
 * "Applying a mismatched transaction", and the page falls over (found by e2e/engines/ in
 * WebKitGTK on opening a reply). Here the selection is applied first, then the view focused.
 */
export function focusEditor(editor: Editor, atStart = false) {
  if (editor.isDestroyed) return;
  if (atStart) editor.commands.setTextSelection(0);
  editor.view.focus();
}
