'use client';

import type { Editor } from '@tiptap/react';
import { useTranslations } from '@/lib/i18n/client';
import { useRef, useState } from 'react';
import { fromLocalInput, toLocalInput } from '@/lib/scheduler';
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
  /** Send later, at this time (ms). */
  onSendAt: (at: number) => void;
  onAttach: (files: File[]) => void;
  onDiscard: () => void;
}

const quiet = 'rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-50';

function statusText(status: SaveStatus, t: ReturnType<typeof useTranslations<'compose'>>): string {
  if (status.state === 'saving') return t('saving');
  if (status.state === 'saved') return t('saved');
  return status.state === 'error' ? status.message : '';
}

/** Formatting, Send, attach, plain-text switch, the draft's save state, and Discard. */
export function ComposeFooter({ editor, format, onFormat, sending, uploading, disabled, saveStatus, onSend, onSendAt, onAttach, onDiscard }: Props) {
  const t = useTranslations('compose');
  const [later, setLater] = useState<string | null>(null);
  const [openedAt, setOpenedAt] = useState(0);
  const laterAt = later === null ? NaN : fromLocalInput(later);
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
          title={uploading ? t('waitUploads') : t('sendTitle')}
          className="rounded bg-sky-700 px-4 py-1.5 text-sm font-semibold text-white hover:bg-sky-800 disabled:bg-slate-400"
        >
          {sending ? t('sending') : t('send')}
        </button>
        <span className="relative">
          <button
            type="button"
            className={quiet}
            aria-expanded={later !== null}
            title={t('sendLaterTitle')}
            disabled={sending || uploading > 0 || disabled}
            onClick={() => {
              const now = Date.now();
              setOpenedAt(now);
              setLater(later === null ? toLocalInput(now + 3600_000) : null);
            }}
          >
            {t('sendLater')}
          </button>
          {later !== null && (
            <form
              className="absolute bottom-full start-0 z-30 mb-1 flex w-72 items-end gap-2 rounded-md border border-slate-200 bg-white p-2 shadow-lg"
              onSubmit={(e) => {
                e.preventDefault();
                if (!(laterAt > Date.now())) return;
                setLater(null);
                onSendAt(laterAt);
              }}
            >
              <label className="flex flex-1 flex-col gap-1 text-xs text-slate-600">
                {t('sendAt')}
                <input type="datetime-local" value={later} onChange={(e) => setLater(e.target.value)} className="rounded border border-slate-300 px-1 py-1 text-sm text-slate-900" />
              </label>
              <button type="submit" disabled={!(laterAt > openedAt)} title={laterAt > openedAt ? undefined : t('pickFutureTime')} className="rounded bg-sky-700 px-3 py-1 text-sm font-semibold text-white disabled:bg-slate-400">
                {t('schedule')}
              </button>
            </form>
          )}
        </span>
        <button type="button" className={`${quiet} flex items-center gap-1`} onClick={() => fileInput.current?.click()} disabled={sending || disabled}>
          <Icon name="attachment" /> {t('attach')}
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          aria-label={t('attachFiles')}
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
              <ActionIcon name="camera" className="h-4 w-4" /> {t('camera')}
            </button>
            <input
              ref={cameraInput}
              type="file"
              accept="image/*"
              capture="environment"
              hidden
              aria-label={t('attachPhoto')}
              onChange={(e) => {
                onAttach([...(e.target.files ?? [])]);
                e.target.value = '';
              }}
            />
          </>
        )}
        <label className="flex items-center gap-1 text-sm text-slate-700">
          <input type="checkbox" checked={format === 'text'} onChange={(e) => onFormat(e.target.checked ? 'text' : 'html')} />
          {t('plainText')}
        </label>
        <span
          role="status"
          data-testid="save-status"
          className={`ml-auto truncate text-xs ${saveStatus.state === 'error' ? 'text-red-700' : 'text-slate-500'}`}
        >
          {statusText(saveStatus, t)}
        </span>
        <button type="button" className={quiet} onClick={onDiscard} disabled={sending || disabled} title={t('discardTitle')}>
          {t('discard')}
        </button>
      </div>
    </footer>
  );
}
