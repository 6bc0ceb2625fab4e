'use client';

import type { Editor } from '@tiptap/react';
import { useRef } from 'react';
import { ActionIcon } from '../ui/action-icons';
import { Icon } from '../ui/icons';
import { EditorToolbar } from './EditorToolbar';
import type { SaveStatus } from './use-draft-autosave';

interface Props {
  /** The rich-text editor, or null in plain-text mode (no formatting then). */
  editor: Editor | null;
  format: 'html' | 'text';
  onFormat: (format: 'html' | 'text') => void;
  sending: boolean;
  uploading: number;
  /** Closing or discarding. */
  disabled: boolean;
  saveStatus: SaveStatus;
  onSend: () => void;
  onAttach: (files: File[]) => void;
  onDiscard: () => void;
}

const quiet = 'rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-50';

function statusText(status: SaveStatus): string {
  if (status.state === 'saving') return 'Saving…';
  if (status.state === 'saved') return 'Saved';
  return status.state === 'error' ? status.message : '';
}

/** Formatting, Send, attach, plain-text switch, the draft's save state, and Discard. */
export function ComposeFooter({ editor, format, onFormat, sending, uploading, disabled, saveStatus, onSend, onAttach, onDiscard }: Props) {
  const fileInput = useRef<HTMLInputElement>(null);
  const cameraInput = useRef<HTMLInputElement>(null);
  return (
    <footer className="border-t border-slate-200 px-3 py-2">
      {editor && <EditorToolbar editor={editor} />}
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <button
          type="button"
          onClick={onSend}
          disabled={sending || uploading > 0 || disabled}
          title={uploading ? 'Wait until the attachments have uploaded' : 'Send (Ctrl+Enter)'}
          className="rounded bg-sky-700 px-4 py-1.5 text-sm font-semibold text-white hover:bg-sky-800 disabled:bg-slate-400"
        >
          {sending ? 'Sending…' : 'Send'}
        </button>
        <button type="button" className={`${quiet} flex items-center gap-1`} onClick={() => fileInput.current?.click()} disabled={sending || disabled}>
          <Icon name="attachment" /> Attach
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          aria-label="Attach files"
          onChange={(e) => {
            onAttach([...(e.target.files ?? [])]);
            // The same file can be picked again after it was removed.
            e.target.value = '';
          }}
        />
        {/* Phones: a photo straight from the camera, besides the file picker (the composer is never server-rendered). */}
        {typeof matchMedia === 'function' && matchMedia('(max-width: 767px)').matches && (
          <>
            <button type="button" className={`${quiet} flex items-center gap-1`} onClick={() => cameraInput.current?.click()} disabled={sending || disabled}>
              <ActionIcon name="camera" className="h-4 w-4" /> Camera
            </button>
            <input
              ref={cameraInput}
              type="file"
              accept="image/*"
              capture="environment"
              hidden
              aria-label="Attach a photo from the camera"
              onChange={(e) => {
                onAttach([...(e.target.files ?? [])]);
                e.target.value = '';
              }}
            />
          </>
        )}
        <label className="flex items-center gap-1 text-sm text-slate-700">
          <input type="checkbox" checked={format === 'text'} onChange={(e) => onFormat(e.target.checked ? 'text' : 'html')} />
          Plain text
        </label>
        <span
          role="status"
          data-testid="save-status"
          className={`ml-auto truncate text-xs ${saveStatus.state === 'error' ? 'text-red-700' : 'text-slate-500'}`}
        >
          {statusText(saveStatus)}
        </span>
        <button type="button" className={quiet} onClick={onDiscard} disabled={sending || disabled} title="Discard this message and its draft">
          Discard
        </button>
      </div>
    </footer>
  );
}
