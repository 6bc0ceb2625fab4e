'use client';

import { translator } from '@/lib/i18n/client';
import { EditorContent } from '@tiptap/react';
import { useEffect, useRef } from 'react';
import { EditorToolbar } from '../compose/EditorToolbar';
import { useComposeEditor } from '../compose/use-compose-editor';

const ignore = () => undefined;

/**
 * A rich signature, edited with the composer's own editor and toolbar (bold, italic, lists,
 * links): what it makes is what the composer inserts. Loaded when a rich signature is edited.
 * The server sanitizes what is saved with the composer's rules (no images).
 */
export function SignatureEditor({ html, onChange }: { html: string; onChange: (html: string) => void }) {
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);
  const editor = useComposeEditor(html, [], ignore, translator('settings.identities')('signature'));
  useEffect(() => {
    if (!editor) return;
    const update = () => onChangeRef.current(editor.isEmpty ? '' : editor.getHTML());
    editor.on('update', update);
    return () => {
      editor.off('update', update);
    };
  }, [editor]);
  return (
    <div className="rounded border border-slate-300 bg-white">
      {editor && (
        <div className="border-b border-slate-200 px-2 py-1">
          <EditorToolbar editor={editor} />
        </div>
      )}
      <EditorContent editor={editor} />
    </div>
  );
}
