'use client';

import { useEditorState, type Editor } from '@tiptap/react';
import { useTranslations } from '@/lib/i18n/client';
import { toLinkHref } from '@/lib/link-href';
import { askDialog } from '../ui/ask-dialog';

const button = 'flex h-7 min-w-7 items-center justify-center rounded px-1.5 text-sm hover:bg-slate-100 aria-pressed:bg-sky-100 aria-pressed:text-sky-900';

// Inline SVG like icons.tsx: no emoji or icon font needed on the device.
const PATHS = {
  bulletList: 'M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01',
  orderedList: 'M10 6h10M10 12h10M10 18h10M4 5l1-1v4M3.5 14a1.5 1.5 0 0 1 3 0c0 1-3 2-3 3h3',
  link: 'M10 14a4 4 0 0 0 6 0l3-3a4 4 0 0 0-6-6l-1 1M14 10a4 4 0 0 0-6 0l-3 3a4 4 0 0 0 6 6l1-1',
  blockquote: 'M5 7h5v5H7l-2 4M14 7h5v5h-3l-2 4',
};

function Glyph({ path }: { path: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round">
      <path d={path} />
    </svg>
  );
}

/** Bold, italic, lists, link and quote; each button shows whether it applies at the caret. */
export function EditorToolbar({ editor }: { editor: Editor }) {
  const t = useTranslations('compose');
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      link: e.isActive('link'),
      blockquote: e.isActive('blockquote'),
    }),
  });

  async function editLink() {
    let typed: string | null = (editor.getAttributes('link').href as string | undefined) ?? '';
    let href: string | null = null;
    let message: string | undefined;
    // Asked again, with the reason, until the address is one a link may have (or cancelled).
    while (!href) {
      typed = await askDialog({ title: t('link'), label: t('linkPrompt'), value: typed, confirm: t('apply'), message, optional: true });
      if (typed === null) return;
      if (!typed.trim()) return void editor.chain().focus().extendMarkRange('link').unsetLink().run();
      href = toLinkHref(typed);
      message = t('linkRefused');
    }
    const chain = editor.chain().focus().extendMarkRange('link');
    // With nothing selected, the address itself becomes the link's text.
    if (editor.state.selection.empty && !active.link) chain.insertContent({ type: 'text', text: typed!.trim(), marks: [{ type: 'link', attrs: { href } }] }).run();
    else chain.setLink({ href }).run();
  }

  const tools: Array<[label: string, glyph: React.ReactNode, pressed: boolean, run: () => void]> = [
    [t('bold'), <b key="b">B</b>, active.bold, () => editor.chain().focus().toggleBold().run()],
    [t('italic'), <i key="i" className="font-serif">I</i>, active.italic, () => editor.chain().focus().toggleItalic().run()],
    [t('bulletList'), <Glyph key="ul" path={PATHS.bulletList} />, active.bulletList, () => editor.chain().focus().toggleBulletList().run()],
    [t('numberedList'), <Glyph key="ol" path={PATHS.orderedList} />, active.orderedList, () => editor.chain().focus().toggleOrderedList().run()],
    [t('link'), <Glyph key="a" path={PATHS.link} />, active.link, () => void editLink()],
    [t('quote'), <Glyph key="q" path={PATHS.blockquote} />, active.blockquote, () => editor.chain().focus().toggleBlockquote().run()],
  ];
  return (
    <div role="toolbar" aria-label={t('formatting')} className="flex flex-wrap gap-0.5">
      {tools.map(([label, glyph, pressed, run]) => (
        <button key={label} type="button" aria-label={label} title={label} aria-pressed={pressed} className={button} onClick={run}>
          {glyph}
        </button>
      ))}
    </div>
  );
}
